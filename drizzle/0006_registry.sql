CREATE TABLE "consent_documents" (
	"consent_id" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" text PRIMARY KEY NOT NULL,
	"studio_org_id" text NOT NULL,
	"performer_id" text NOT NULL,
	"production_id" text NOT NULL,
	"use" text NOT NULL,
	"description" text NOT NULL,
	"union_covered" boolean NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text,
	"status" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"expired_at" timestamp with time zone,
	"estate_authorisation" text,
	"document_sha256" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performers" (
	"id" text PRIMARY KEY NOT NULL,
	"studio_org_id" text NOT NULL,
	"display_name" text NOT NULL,
	"union" text,
	"deceased" boolean DEFAULT false NOT NULL,
	"authorising_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_tools" (
	"id" text PRIMARY KEY NOT NULL,
	"studio_org_id" text NOT NULL,
	"name" text NOT NULL,
	"vendor" text NOT NULL,
	"stores_inputs" boolean NOT NULL,
	"retention_days" integer,
	"trains_on_inputs" boolean NOT NULL,
	"enterprise_agreement" boolean NOT NULL,
	"sso" boolean NOT NULL,
	"deployment" text NOT NULL,
	"regions" jsonb NOT NULL,
	"modalities" jsonb NOT NULL,
	"outputs_c2pa" boolean NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"conditions" text,
	"last_reviewed_on" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_documents" ADD CONSTRAINT "consent_documents_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_documents" ADD CONSTRAINT "consent_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_studio_org_id_organisations_id_fk" FOREIGN KEY ("studio_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_performer_id_performers_id_fk" FOREIGN KEY ("performer_id") REFERENCES "public"."performers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_production_id_productions_id_fk" FOREIGN KEY ("production_id") REFERENCES "public"."productions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performers" ADD CONSTRAINT "performers_studio_org_id_organisations_id_fk" FOREIGN KEY ("studio_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_tools" ADD CONSTRAINT "registry_tools_studio_org_id_organisations_id_fk" FOREIGN KEY ("studio_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_performer_idx" ON "consents" USING btree ("performer_id");--> statement-breakpoint
CREATE INDEX "consents_production_idx" ON "consents" USING btree ("production_id");--> statement-breakpoint
CREATE UNIQUE INDEX "performers_studio_name_key" ON "performers" USING btree ("studio_org_id",lower("display_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "registry_tools_studio_name_key" ON "registry_tools" USING btree ("studio_org_id",lower("name"));