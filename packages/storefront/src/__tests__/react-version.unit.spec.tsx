/** @jest-environment jsdom */
/**
 * The storefront's tests run once per supported React major (jest.config.js:
 * the "unit" project on the repository's React 18, "storefront on React 19"
 * on this package's dev dependency). This checks that each run really got
 * the React it is named after, for react and react-dom alike.
 */
import { version as react } from "react"
import { version as reactDom } from "react-dom"

declare const EXPECTED_REACT_MAJOR: string

it(`runs on React ${EXPECTED_REACT_MAJOR}`, () => {
  expect(react.split(".")[0]).toBe(EXPECTED_REACT_MAJOR)
  expect(reactDom).toBe(react)
})
