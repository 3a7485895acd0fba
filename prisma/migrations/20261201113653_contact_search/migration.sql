-- Contact search (SocialSignIn search, contract section 3): substring matches over
-- names, emails and phone digits through a trigram full-text index, so that "q
-- anywhere" never scans the contacts. Exact and prefix matches use the b-tree
-- indexes of "Contact"."searchName", "ContactEmail"."emailLower" and
-- "ContactPhone"."digits" that already exist.
--
-- Written by hand (Prisma cannot express FTS5 or triggers). The triggers below keep
-- the index in step with every writer, bulk imports included. NOTE: a Prisma
-- migration that redefines "Contact", "ContactEmail" or "ContactPhone" (SQLite
-- cannot alter columns, so Prisma copies the table and drops the old one) drops
-- these triggers with it: copy them into that migration. lib/db/contact-search.test.ts
-- fails if they are missing.

-- One row per searchable value: a contact's folded name, each email, each phone's
-- digits. Exactly one of "name", "email", "phone" is set, so the index can be queried
-- per column. The INTEGER PRIMARY KEY is the full-text row id and, unlike the rowid of
-- a table keyed by text, survives VACUUM.
CREATE TABLE "ContactSearchTerm" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT
);
CREATE UNIQUE INDEX "ContactSearchTerm_field_sourceId_key" ON "ContactSearchTerm"("field", "sourceId");
CREATE INDEX "ContactSearchTerm_contactId_idx" ON "ContactSearchTerm"("contactId");

-- External-content FTS5 index over those rows. The trigram tokenizer indexes every
-- three-character sequence (spaces included, case-folded, accents removed), so a
-- MATCH of a quoted phrase of 3+ characters finds it anywhere in a value.
CREATE VIRTUAL TABLE "ContactSearchTrigram" USING fts5(
    "name", "email", "phone",
    content = 'ContactSearchTerm',
    content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER "ContactSearchTerm_ai" AFTER INSERT ON "ContactSearchTerm" BEGIN
    INSERT INTO "ContactSearchTrigram" ("rowid", "name", "email", "phone")
    VALUES (new."id", new."name", new."email", new."phone");
END;
CREATE TRIGGER "ContactSearchTerm_ad" AFTER DELETE ON "ContactSearchTerm" BEGIN
    INSERT INTO "ContactSearchTrigram" ("ContactSearchTrigram", "rowid", "name", "email", "phone")
    VALUES ('delete', old."id", old."name", old."email", old."phone");
END;
CREATE TRIGGER "ContactSearchTerm_au" AFTER UPDATE OF "name", "email", "phone" ON "ContactSearchTerm" BEGIN
    INSERT INTO "ContactSearchTrigram" ("ContactSearchTrigram", "rowid", "name", "email", "phone")
    VALUES ('delete', old."id", old."name", old."email", old."phone");
    INSERT INTO "ContactSearchTrigram" ("rowid", "name", "email", "phone")
    VALUES (new."id", new."name", new."email", new."phone");
END;

-- Contacts: the folded name ("searchName", written by the application).
CREATE TRIGGER "Contact_search_ai" AFTER INSERT ON "Contact" BEGIN
    INSERT INTO "ContactSearchTerm" ("contactId", "field", "sourceId", "name")
    VALUES (new."id", 'name', new."id", new."searchName");
END;
CREATE TRIGGER "Contact_search_au" AFTER UPDATE OF "id", "searchName" ON "Contact"
WHEN old."id" IS NOT new."id" OR old."searchName" IS NOT new."searchName" BEGIN
    UPDATE "ContactSearchTerm" SET "contactId" = new."id", "sourceId" = new."id", "name" = new."searchName"
    WHERE "field" = 'name' AND "sourceId" = old."id";
END;
CREATE TRIGGER "Contact_search_ad" AFTER DELETE ON "Contact" BEGIN
    DELETE FROM "ContactSearchTerm" WHERE "contactId" = old."id";
END;

-- Emails (lower-cased) and phones (digits only).
CREATE TRIGGER "ContactEmail_search_ai" AFTER INSERT ON "ContactEmail" BEGIN
    INSERT INTO "ContactSearchTerm" ("contactId", "field", "sourceId", "email")
    VALUES (new."contactId", 'email', new."id", new."emailLower");
END;
CREATE TRIGGER "ContactEmail_search_au" AFTER UPDATE OF "id", "contactId", "emailLower" ON "ContactEmail" BEGIN
    UPDATE "ContactSearchTerm" SET "contactId" = new."contactId", "sourceId" = new."id", "email" = new."emailLower"
    WHERE "field" = 'email' AND "sourceId" = old."id";
END;
CREATE TRIGGER "ContactEmail_search_ad" AFTER DELETE ON "ContactEmail" BEGIN
    DELETE FROM "ContactSearchTerm" WHERE "field" = 'email' AND "sourceId" = old."id";
END;

CREATE TRIGGER "ContactPhone_search_ai" AFTER INSERT ON "ContactPhone" BEGIN
    INSERT INTO "ContactSearchTerm" ("contactId", "field", "sourceId", "phone")
    VALUES (new."contactId", 'phone', new."id", new."digits");
END;
CREATE TRIGGER "ContactPhone_search_au" AFTER UPDATE OF "id", "contactId", "digits" ON "ContactPhone" BEGIN
    UPDATE "ContactSearchTerm" SET "contactId" = new."contactId", "sourceId" = new."id", "phone" = new."digits"
    WHERE "field" = 'phone' AND "sourceId" = old."id";
END;
CREATE TRIGGER "ContactPhone_search_ad" AFTER DELETE ON "ContactPhone" BEGIN
    DELETE FROM "ContactSearchTerm" WHERE "field" = 'phone' AND "sourceId" = old."id";
END;

-- Contacts that exist already (the insert trigger above fills the index).
INSERT INTO "ContactSearchTerm" ("contactId", "field", "sourceId", "name")
SELECT "id", 'name', "id", "searchName" FROM "Contact";
INSERT INTO "ContactSearchTerm" ("contactId", "field", "sourceId", "email")
SELECT "contactId", 'email', "id", "emailLower" FROM "ContactEmail";
INSERT INTO "ContactSearchTerm" ("contactId", "field", "sourceId", "phone")
SELECT "contactId", 'phone', "id", "digits" FROM "ContactPhone";
