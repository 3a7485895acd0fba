// An unknown contact id, inside the admin frame: the header and navigation stay, so the
// way on is where it always is.
import Link from "next/link";
import { requireStaff } from "@/lib/auth/current-staff";
import { AdminShell } from "@/components/admin/admin-shell";
import { PageHeader } from "@/components/admin/page-header";
import { card, link } from "@/components/ui/styles";

export default async function ContactNotFound() {
  const staff = await requireStaff("/admin/contacts");
  return (
    <AdminShell staff={staff} current="contacts">
      <PageHeader title="No such contact" description="It may have been merged, or removed by a connector." />
      <p className={card}>
        <Link href="/admin/contacts" className={link}>
          Back to contacts
        </Link>
      </p>
    </AdminShell>
  );
}
