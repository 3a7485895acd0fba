import "server-only";
import { findContactIdByEmailOrPhone, findContactIdByExternalRef } from "@/lib/db/contacts";
import { loadContactRecord } from "@/lib/db/contact-records";
import type { CrmRecord } from "@/lib/contacts/view-model";
import type { SureSendContext } from "./context-schema";
import { matchKeys } from "./context-card";

/**
 * The CRM Bridge record of the context's person or company: linked by Sure Send id,
 * else sharing an email (any case) or a phone (digits). Null when there is none.
 */
export async function findRecordForContext(context: SureSendContext): Promise<CrmRecord | null> {
  const keys = matchKeys(context);
  const id =
    (keys.externalId ? await findContactIdByExternalRef("suresend", keys.externalId) : null) ??
    (await findContactIdByEmailOrPhone(keys.emails, keys.phones, context.person ? "person" : "company"));
  return id ? loadContactRecord(id) : null;
}
