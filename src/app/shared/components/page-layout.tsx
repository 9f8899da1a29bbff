import type { ReactNode } from "react";
import { Box, Page, Text } from "zmp-ui";

/** A page and its one level-1 heading, as every page of the app starts. */
export function TitledPage({ className, title, children }: { className: string; title: ReactNode; children: ReactNode }) {
  return (
    <Page className={className}>
      <Box p={4}>
        <Text.Title size="xLarge" role="heading" aria-level={1}>
          {title}
        </Text.Title>
        {children}
      </Box>
    </Page>
  );
}

/** A card section named by its title (screen readers announce the section by it). */
export function Card({ id, title, className = "card mt-4", size = "large", children }: { id: string; title: ReactNode; className?: string; size?: "large" | "normal"; children: ReactNode }) {
  return (
    <section className={className} aria-labelledby={id}>
      <Text.Title id={id} size={size}>
        {title}
      </Text.Title>
      {children}
    </section>
  );
}

/** What anyone but an organiser sees on an organisers' page. */
export function OrganizersOnly({ className = "page", alert = false }: { className?: string; alert?: boolean }) {
  return (
    <Page className={className}>
      <Box p={4} role={alert ? "alert" : undefined}>
        <Text>Trang này dành cho Ban tổ chức.</Text>
      </Box>
    </Page>
  );
}
