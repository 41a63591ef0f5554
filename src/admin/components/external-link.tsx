import { ArrowUpRightMini } from "@medusajs/icons"
import type { ReactNode } from "react"

/** A link that leaves the admin (block explorers, 3PAY's page): new tab, no referrer. */
export const ExternalLink = ({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) => (
  <a
    href={href}
    target="_blank"
    rel="noopener noreferrer"
    data-testid={testId}
    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover inline-flex items-center gap-x-0.5 font-mono"
  >
    {children}
    <ArrowUpRightMini className="shrink-0" />
  </a>
)
