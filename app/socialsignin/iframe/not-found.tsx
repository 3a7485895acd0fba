import { ViewError } from "@/components/contact/view-error";

export default function ContactNotFound() {
  return <ViewError error={{ code: "not_found", message: "CRM Bridge has no contact with this id. It may have been deleted or merged." }} />;
}
