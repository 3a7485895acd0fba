-- AlterTable
ALTER TABLE "ConnectorRun" ADD COLUMN "scope" TEXT;

-- CreateIndex
CREATE INDEX "ConnectorRun_connector_scope_startedAt_idx" ON "ConnectorRun"("connector", "scope", "startedAt");

