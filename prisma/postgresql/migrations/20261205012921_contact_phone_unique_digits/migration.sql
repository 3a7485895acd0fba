-- A contact has each phone number once (lib/contacts/contact-rules.ts): of the copies
-- with the same digits, the first (by id: ids are in creation order) is kept, primary
-- when any copy was; the later copies are removed before the unique index is built.
UPDATE "ContactPhone" SET "isPrimary" = true
WHERE "isPrimary" = false
  AND EXISTS (SELECT 1 FROM "ContactPhone" o WHERE o."contactId" = "ContactPhone"."contactId"
    AND o."digits" = "ContactPhone"."digits" AND o."id" > "ContactPhone"."id" AND o."isPrimary" = true)
  AND NOT EXISTS (SELECT 1 FROM "ContactPhone" o WHERE o."contactId" = "ContactPhone"."contactId"
    AND o."digits" = "ContactPhone"."digits" AND o."id" < "ContactPhone"."id");

DELETE FROM "ContactPhone"
WHERE EXISTS (SELECT 1 FROM "ContactPhone" o WHERE o."contactId" = "ContactPhone"."contactId"
  AND o."digits" = "ContactPhone"."digits" AND o."id" < "ContactPhone"."id");

-- DropIndex
DROP INDEX "ContactPhone_contactId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "ContactPhone_contactId_digits_key" ON "ContactPhone"("contactId", "digits");

