import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130234223 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "threepay_invoice" drop constraint if exists "threepay_invoice_reference_unique";`);
    // Invoices ledgered before this migration: their opaque reference is their id, what 3PAY
    // reported is carried over, and "a,b" attention codes become structured flags.
    this.addSql(`alter table if exists "threepay_invoice" add column if not exists "reference" text null, add column if not exists "kind" text check ("kind" in ('checkout', 'top_up')) not null default 'checkout', add column if not exists "received_known" boolean not null default false, add column if not exists "tx_hashes" jsonb not null default '[]', add column if not exists "wrong_network" boolean not null default false, add column if not exists "captured_usdt" text null;`);
    this.addSql(`update "threepay_invoice" set "reference" = "id" where "reference" is null;`);
    this.addSql(`alter table if exists "threepay_invoice" alter column "reference" set not null;`);
    this.addSql(`update "threepay_invoice" set "received_known" = true where "amount_received" <> '0';`);
    this.addSql(`update "threepay_invoice" set "tx_hashes" = jsonb_build_array(lower("tx_hash")) where "tx_hash" is not null;`);
    this.addSql(`update "threepay_invoice" set "wrong_network" = true where "state" = 'wrong_network';`);
    this.addSql(`alter table if exists "threepay_invoice" alter column "attention" type jsonb using (case when "attention" is null or "attention" = '' then null else ('{' || regexp_replace("attention", '([a-z_]+)', '"\\1":{"raised_at":null,"detail":null}', 'g') || '}')::jsonb end);`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_invoice_reference_unique" ON "threepay_invoice" ("reference") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_state" ON "threepay_invoice" ("state") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "threepay_settings" add column if not exists "underpayment_tolerance_bps" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_threepay_invoice_reference_unique";`);
    this.addSql(`drop index if exists "IDX_threepay_invoice_state";`);
    this.addSql(`alter table if exists "threepay_invoice" drop column if exists "reference", drop column if exists "kind", drop column if exists "received_known", drop column if exists "tx_hashes", drop column if exists "wrong_network", drop column if exists "captured_usdt";`);

    this.addSql(`alter table if exists "threepay_invoice" alter column "attention" type text using ("attention"::text);`);

    this.addSql(`alter table if exists "threepay_settings" drop column if exists "underpayment_tolerance_bps";`);
  }

}
