import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201002721 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "threepay_rate_block" drop constraint if exists "threepay_rate_block_key_unique";`);
    this.addSql(`create table if not exists "threepay_rate_block" ("id" text not null, "key" text not null, "until" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_rate_block_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_rate_block_key_unique" ON "threepay_rate_block" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_rate_block_deleted_at" ON "threepay_rate_block" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "threepay_rate_call" ("id" text not null, "key" text not null, "at" timestamptz not null, "kind" text check ("kind" in ('call', 'quota', 'refused', 'waited')) not null, "purpose" text not null default 'other', "wait_ms" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_rate_call_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_rate_call_deleted_at" ON "threepay_rate_call" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_rate_call_key_at" ON "threepay_rate_call" ("key", "at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "threepay_invoice" add column if not exists "next_check_at" timestamptz null, add column if not exists "check_count" integer not null default 0, add column if not exists "closed_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_closed_at_next_check_at" ON "threepay_invoice" ("closed_at", "next_check_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "threepay_rate_block" cascade;`);

    this.addSql(`drop table if exists "threepay_rate_call" cascade;`);

    this.addSql(`drop index if exists "IDX_threepay_invoice_closed_at_next_check_at";`);
    this.addSql(`alter table if exists "threepay_invoice" drop column if exists "next_check_at", drop column if exists "check_count", drop column if exists "closed_at";`);
  }

}
