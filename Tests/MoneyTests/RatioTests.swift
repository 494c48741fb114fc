import Money
import Testing

/// `Ratio`: exact fractions read from "65%", "2.5%", "0.05" or "1", added, clamped to [0, 1]
/// and written as the interface's four decimals or the explanation's percent.
@Suite("Ratio")
struct RatioTests {
  // MARK: Parsing

  @Test(
    "reads percents and plain decimals as exact fractions",
    arguments: [
      ("65%", 13, 20), ("2.5%", 1, 40), ("0.05", 1, 20), ("1", 1, 1), ("0", 0, 1), ("100%", 1, 1), ("0%", 0, 1),
      ("120%", 6, 5), ("0.6500", 13, 20), ("12.3456%", 1929, 15625), ("0.000001", 1, 1_000_000), ("-5%", -1, 20),
    ] as [(String, Int64, Int64)])
  func parses(_ text: String, numerator: Int64, denominator: Int64) throws {
    let ratio = try Ratio(text)
    #expect(ratio.numerator == numerator)
    #expect(ratio.denominator == denominator)
  }

  @Test("the same ratio written differently is equal")
  func equalForms() throws {
    #expect(try Ratio("65%") == .percent(65))
    #expect(try Ratio("65%") == Ratio("0.65"))
    #expect(try Ratio("2.5%") == Ratio("0.025"))
    #expect(try Ratio("0.05") == .percent(5))
    #expect(try Ratio("1") == .one)
    #expect(try Ratio("100%") == .one)
    #expect(try Ratio("0") == .zero)
    #expect(Ratio(26, over: 40) == .percent(65))
    #expect(Ratio(0, over: 7) == .zero)
  }

  @Test("refuses text that is not a ratio", arguments: ["65 %", "%", "abc", "", "1e2%", "6 5%", "65%%"])
  func refusesNonRatios(_ text: String) {
    #expect(throws: MoneyError.self) { try Ratio(text) }
  }

  @Test("a percent takes at most 4 decimals, a plain decimal at most 6")
  func decimals() throws {
    #expect(throws: MoneyError.tooManyDecimals("2.34567", allowed: 4)) { try Ratio("2.34567%") }
    #expect(throws: MoneyError.tooManyDecimals("0.1234567", allowed: 6)) { try Ratio("0.1234567") }
    #expect(try Ratio("2.3456%") == Ratio("0.023456"))
  }

  // MARK: Arithmetic

  @Test("adds and subtracts exactly")
  func arithmetic() throws {
    #expect(Ratio.percent(65) + .percent(2) == .percent(67))
    #expect(try Ratio("0.1") + Ratio("2.5%") == Ratio("12.5%"))
    #expect(Ratio(1, over: 3) + Ratio(1, over: 6) == Ratio(1, over: 2))
    #expect(Ratio.percent(65) - .percent(70) == .percent(-5))
    #expect(Ratio.percent(98) + .percent(5) == .percent(103))
    #expect(Ratio.zero + .zero == .zero)
  }

  @Test("compares by value")
  func comparison() throws {
    #expect(try Ratio("2.5%") < Ratio("0.05"))
    #expect(Ratio(1, over: 3) < .percent(34))
    #expect(Ratio.percent(33) < Ratio(1, over: 3))
    #expect(Ratio.percent(-1) < .zero)
    #expect([Ratio.percent(90), .percent(5), .one, .zero].max() == .one)
  }

  @Test(
    "clampedToOne limits to [0, 1]",
    arguments: [
      (Ratio.percent(120), Ratio.one), (.percent(-5), .zero), (.percent(65), .percent(65)), (.one, .one),
      (.zero, .zero), (.percent(98) + .percent(5), .one),
    ] as [(Ratio, Ratio)])
  func clamping(_ ratio: Ratio, expected: Ratio) {
    #expect(ratio.clampedToOne == expected)
  }

  @Test("isZero")
  func isZero() throws {
    #expect(try Ratio("0%").isZero)
    #expect(try Ratio("0.000").isZero)
    #expect(try !Ratio("0.000001").isZero)
  }

  // MARK: Text

  @Test(
    "fourDecimals writes four decimals, rounded half up",
    arguments: [
      (Ratio.percent(65), "0.6500"), (.percent(67), "0.6700"), (.one, "1.0000"), (.zero, "0.0000"),
      (Ratio(1, over: 40), "0.0250"), (Ratio(1, over: 3), "0.3333"), (Ratio(2, over: 3), "0.6667"),
      (Ratio(5, over: 100_000), "0.0001"), (Ratio(4, over: 100_000), "0.0000"), (.percent(120), "1.2000"),
      (.percent(-5), "-0.0500"),
    ] as [(Ratio, String)])
  func fourDecimals(_ ratio: Ratio, expected: String) {
    #expect(ratio.fourDecimals == expected)
  }

  @Test(
    "description is a percent without trailing zeros",
    arguments: [
      ("65%", "65%"), ("2.5%", "2.5%"), ("0.05", "5%"), ("1", "100%"), ("0", "0%"), ("120%", "120%"),
      ("12.34%", "12.34%"), ("12.345%", "12.35%"), ("0.1", "10%"), ("-5%", "-5%"), ("0.000001", "0%"),
    ])
  func description(_ text: String, expected: String) throws {
    #expect(try Ratio(text).description == expected)
  }

  @Test("description of a repeating fraction rounds to hundredths of a percent")
  func repeatingDescription() {
    #expect(Ratio(1, over: 3).description == "33.33%")
    #expect(Ratio(2, over: 3).description == "66.67%")
  }
}
