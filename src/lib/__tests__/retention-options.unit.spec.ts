import { parseOptions } from "../options"

describe("retention options", () => {
  it("defaults: 30 days of deliveries, 90 of settled events, 7 of refused rows, 100 refused rows an hour, 20 rows per event", () => {
    expect(parseOptions({ apiKey: "k" }).retention).toEqual({
      deliveryDays: 30,
      eventDays: 90,
      rejectedDays: 7,
      rejectedRowsPerHour: 100,
      deliveriesPerEvent: 20,
    })
  })

  it("takes numbers from strings (environment variables) and keeps the other defaults", () => {
    const r = parseOptions({ apiKey: "k", retention: { deliveryDays: "14", rejectedRowsPerHour: "0" } }).retention
    expect(r).toMatchObject({ deliveryDays: 14, rejectedRowsPerHour: 0, eventDays: 90 })
  })

  it("stops the boot naming the option: out of bounds, not a whole number, misspelt", () => {
    expect(() => parseOptions({ apiKey: "k", retention: { deliveryDays: 0 } })).toThrow(/`retention\.deliveryDays`/)
    expect(() => parseOptions({ apiKey: "k", retention: { eventDays: 1.5 } })).toThrow(/`retention\.eventDays`/)
    expect(() => parseOptions({ apiKey: "k", retention: { deliveriesPerEvent: 0 } })).toThrow(/`retention\.deliveriesPerEvent`/)
    expect(() => parseOptions({ apiKey: "k", retention: { deliveryDay: 5 } })).toThrow(/deliveryDay/)
  })
})
