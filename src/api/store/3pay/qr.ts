/**
 * QR codes for the payment step, made with the maintained `qrcode` package as
 * PNG data URLs (any `<img>` shows them; any QR reader decodes them). A poll
 * every few seconds asks for the same few texts again and again, so the last
 * ones are kept in memory instead of being drawn anew.
 */
import QRCode from "qrcode"

const CACHE_SIZE = 200
const cache = new Map<string, string>()

export async function qrDataUrl(text: string): Promise<string> {
  const hit = cache.get(text)
  if (hit) {
    // Refresh its place: the Map keeps insertion order, oldest first.
    cache.delete(text)
    cache.set(text, hit)
    return hit
  }
  const url = await QRCode.toDataURL(text, { errorCorrectionLevel: "M", margin: 2, scale: 6, type: "image/png" })
  cache.set(text, url)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  return url
}
