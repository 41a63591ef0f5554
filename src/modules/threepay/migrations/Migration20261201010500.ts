import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Bounded webhook ledger (retention options, src/jobs/prune-3pay-ledger.ts).
 * Hand-written: `threepay_webhook_tally` has no DML model (only raw SQL
 * touches it), so it is not in .snapshot-medusa-threepay.json.
 *
 * threepay_webhook_tally: deliveries counted per hour and outcome instead of
 * stored one row each. For refused outcomes (rejected_signature, malformed,
 * too_large) `seen` counts every refused delivery of the hour, the first
 * `rejectedRowsPerHour` of which also have a row; for `duplicate_unrecorded`
 * it counts repeats of an event beyond `deliveriesPerEvent` rows.
 */
export class Migration20261201010500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "threepay_webhook_tally" ("id" text not null, "hour" timestamptz not null, "outcome" text not null, "seen" integer not null default 0, "bytes" bigint not null default 0, "last_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "threepay_webhook_tally_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_webhook_tally_hour_outcome_unique" ON "threepay_webhook_tally" ("hour", "outcome");`);
    // Pruning processed events by age.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_settled_last_received_at" ON "threepay_webhook_event" ("last_received_at") WHERE deleted_at IS NULL AND processing_status IN ('applied', 'ignored');`);
    // Refused rows per outcome and hour, and pruning them sooner than accepted ones.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_threepay_webhook_delivery_outcome_received_at" ON "threepay_webhook_delivery" ("outcome", "received_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_threepay_webhook_delivery_outcome_received_at";`);
    this.addSql(`drop index if exists "IDX_threepay_webhook_event_settled_last_received_at";`);
    this.addSql(`drop table if exists "threepay_webhook_tally" cascade;`);
  }
}
