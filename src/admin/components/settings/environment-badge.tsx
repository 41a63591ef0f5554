import { Badge } from "@medusajs/ui"
import type { EnvironmentCode } from "../../../api/admin/3pay/api-types"

/** SANDBOX or LIVE, loud: taking test money for real orders (or the reverse) is the costliest mistake here. */
export const EnvironmentBadge = ({ environment, testId }: { environment: EnvironmentCode; testId: string }) => (
  <Badge
    size="base"
    color={environment === "live" ? "green" : "orange"}
    data-testid={testId}
    data-environment={environment}
    className="font-mono tracking-wider"
  >
    {environment === "live" ? "LIVE" : "SANDBOX"}
  </Badge>
)
