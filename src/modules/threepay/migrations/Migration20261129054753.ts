import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129054753 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "threepay_webhook_event" drop constraint if exists "threepay_webhook_event_body_sha256_unique";`);
    this.addSql(`alter table if exists "threepay_job_state" drop constraint if exists "threepay_job_state_name_unique";`);
    this.addSql(`alter table if exists "threepay_invoice" drop constraint if exists "threepay_invoice_transaction_id_unique";`);
    this.addSql(`create table if not exists "threepay_invoice" ("id" text not null, "transaction_id" text not null, "invoice_no" text null, "environment" text check ("environment" in ('sandbox', 'live')) not null, "network" text check ("network" in ('TRC20', 'ERC20')) not null, "flow" text check ("flow" in ('pay_first', 'order_first')) not null, "status" text not null, "raw_status" text not null, "state" text not null, "amount_usdt" text not null, "amount_received" text not null default '0', "amount_missing" text null, "amount_excess" text null, "fee" text null, "net_amount" text null, "tolerance" text not null default '0', "currency_code" text not null, "amount_fiat" text not null, "exchange_rate" text not null, "payment_url" text null, "wallet_address" text null, "tx_hash" text null, "customer_email" text null, "requester_hash" text null, "cart_id" text null, "payment_collection_id" text null, "payment_session_id" text null, "order_id" text null, "expires_at" timestamptz null, "confirmed_at" timestamptz null, "paid_at" timestamptz null, "late" boolean not null default false, "orphan" boolean not null default false, "attention" text null, "attention_resolved_at" timestamptz null, "attention_resolved_by" text null, "attention_note" text null, "applied_at" timestamptz null, "paid_via" text null, "superseded_at" timestamptz null, "superseded_reason" text null, "last_synced_at" timestamptz null, "history" jsonb not null default '{"entries":[]}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_invoice_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_invoice_transaction_id_unique" ON "threepay_invoice" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_deleted_at" ON "threepay_invoice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_cart_id" ON "threepay_invoice" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_payment_collection_id" ON "threepay_invoice" ("payment_collection_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_order_id" ON "threepay_invoice" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_status" ON "threepay_invoice" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_tx_hash" ON "threepay_invoice" ("tx_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_invoice_requester_hash_created_at" ON "threepay_invoice" ("requester_hash", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "threepay_job_state" ("id" text not null, "name" text not null, "value" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_job_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_job_state_name_unique" ON "threepay_job_state" ("name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_job_state_deleted_at" ON "threepay_job_state" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "threepay_settings" ("id" text not null, "enabled_networks" text[] null, "default_network" text null, "invoice_timer_minutes" integer null, "underpayment_tolerance" text null, "flow" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_settings_deleted_at" ON "threepay_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "threepay_webhook_delivery" ("id" text not null, "event_id" text null, "received_at" timestamptz not null, "signature" text not null, "http_status" integer not null, "outcome" text not null, "body_sha256" text null, "body_size" integer not null default 0, "headers" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_delivery_deleted_at" ON "threepay_webhook_delivery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_delivery_received_at" ON "threepay_webhook_delivery" ("received_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_delivery_event_id" ON "threepay_webhook_delivery" ("event_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "threepay_webhook_event" ("id" text not null, "body_sha256" text not null, "raw_body" text not null, "headers" jsonb null, "transaction_id" text null, "event_type" text null, "status" text null, "is_test" boolean not null default false, "secret" text null, "delivery_count" integer not null default 1, "first_received_at" timestamptz not null, "last_received_at" timestamptz not null, "processing_status" text not null default 'pending', "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "last_error" text null, "outcome" text null, "processed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "threepay_webhook_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_body_sha256_unique" ON "threepay_webhook_event" ("body_sha256") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_deleted_at" ON "threepay_webhook_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_transaction_id" ON "threepay_webhook_event" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_processing_status_next_attempt_at" ON "threepay_webhook_event" ("processing_status", "next_attempt_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "threepay_invoice" cascade;`);

    this.addSql(`drop table if exists "threepay_job_state" cascade;`);

    this.addSql(`drop table if exists "threepay_settings" cascade;`);

    this.addSql(`drop table if exists "threepay_webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "threepay_webhook_event" cascade;`);
  }

}
