/**
 * The destination address, checked by the server as the admin types (the
 * checksum code stays on the server: the admin bundle carries no hash
 * library). Waits for a pause in typing; a result only counts for the exact
 * address and network it was asked about.
 */
import { useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import type { AdminAddressCheckResponse, NetworkCode } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"

const PAUSE_MS = 400

export type AddressCheckState =
  | { state: "empty" | "checking" }
  | { state: "valid" | "invalid"; result: AdminAddressCheckResponse }
  | { state: "error"; message: string }

export function useAddressCheck(network: NetworkCode, input: string): AddressCheckState {
  const address = input.trim()
  const [settled, setSettled] = useState(address)
  useEffect(() => {
    const t = setTimeout(() => setSettled(address), PAUSE_MS)
    return () => clearTimeout(t)
  }, [address])

  const query = useQuery({
    queryKey: threepayKeys.addressCheck(network, settled),
    queryFn: () => threepayApi.checkAddress({ network, address: settled }),
    enabled: settled !== "",
    staleTime: Infinity,
    retry: false,
  })

  if (address === "") return { state: "empty" }
  if (settled !== address || query.isPending) return { state: "checking" }
  if (query.isError) return { state: "error", message: errorMessage(query.error) }
  return { state: query.data.valid ? "valid" : "invalid", result: query.data }
}
