import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130235455 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "threepay_webhook_event" drop constraint if exists "threepay_webhook_event_body_sha256_is_test_unique";`);
    this.addSql(`drop index if exists "IDX_threepay_webhook_event_body_sha256_unique";`);

    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_body_sha256_is_test_unique" ON "threepay_webhook_event" ("body_sha256", "is_test") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_threepay_webhook_event_body_sha256_is_test_unique";`);

    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_threepay_webhook_event_body_sha256_unique" ON "threepay_webhook_event" ("body_sha256") WHERE deleted_at IS NULL;`);
  }

}
