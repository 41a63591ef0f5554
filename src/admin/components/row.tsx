/**
 * A label/value row in the dashboard's own look (like its SectionRow), with
 * an optional test id on the value.
 */
import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

export const Row = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-start gap-3 px-6 py-3">
    <Text size="small" weight="plus" leading="compact">
      {title}
    </Text>
    <div className="txt-compact-small flex min-w-0 flex-wrap items-center gap-1 break-all" data-testid={testId}>
      {children}
    </div>
  </div>
)
