import Money
import Testing

/// `ExactDecimal`: the interface's prices (6 decimals) and counts (4 decimals), parsed exactly
/// and multiplied exactly before the line amount is rounded once, half up.
@Suite("ExactDecimal")
struct ExactDecimalTests {
  func decimal(_ text: String, _ maxScale: Int = 6) throws -> ExactDecimal {
    try ExactDecimal(text, maxScale: maxScale)
  }

  // MARK: Parsing

  @Test(
    "reads significand and scale exactly",
    arguments: [
      ("12.345678", 6, 12_345_678, 6), ("-12.3400", 4, -123_400, 4), ("7", 4, 7, 0), ("+0.5", 4, 5, 1),
      ("0.000001", 6, 1, 6), ("1.50000000", 6, 1_500_000, 6), ("1.50000000", 2, 150, 2), ("-0", 2, 0, 0),
      ("999999.999999", 6, 999_999_999_999, 6), ("9999.9999", 4, 99_999_999, 4),
    ] as [(String, Int, Int64, Int)])
  func parses(_ text: String, maxScale: Int, significand: Int64, scale: Int) throws {
    let value = try decimal(text, maxScale)
    #expect(value.significand == significand)
    #expect(value.scale == scale)
  }

  @Test("refuses more decimals than maxScale, unless they are trailing zeros")
  func maxScale() throws {
    #expect(throws: MoneyError.tooManyDecimals("12.3456789", allowed: 6)) { try decimal("12.3456789", 6) }
    #expect(throws: MoneyError.tooManyDecimals("1.00001", allowed: 4)) { try decimal("1.00001", 4) }
    #expect(throws: MoneyError.tooManyDecimals("0.5", allowed: 0)) { try decimal("0.5", 0) }
    #expect(try decimal("1.00000", 4) == decimal("1", 4))
    #expect(try decimal("3.000", 0).scale == 0)
  }

  @Test(
    "refuses exponents, spaces, signs alone and repeated points",
    arguments: ["1e3", "", " 1", "1 ", "1.2.3", "abc", "-", "+-1"])
  func refusesNonDecimals(_ text: String) {
    #expect(throws: MoneyError.notADecimal(text)) { try decimal(text) }
  }

  @Test("refuses more than 15 significant digits")
  func refusesHugeValues() throws {
    #expect(throws: MoneyError.outOfRange("1000000000000000")) { try decimal("1000000000000000") }
    #expect(throws: MoneyError.outOfRange("123456789012345678901234567890")) {
      try decimal("123456789012345678901234567890")
    }
    #expect(try decimal("999999999.999999").significand == 999_999_999_999_999)
  }

  // MARK: Text

  @Test(
    "description keeps the scale it was read with",
    arguments: [
      ("1.50", "1.50"), ("-12.3400", "-12.3400"), ("7", "7"), ("0.05", "0.05"), ("-0.005", "-0.005"),
      ("+0.5", "0.5"), ("000123.40", "123.40"), ("-0.000001", "-0.000001"),
    ])
  func description(_ text: String, expected: String) throws {
    #expect(try decimal(text).description == expected)
  }

  // MARK: times

  @Test(
    "times is round(price × count) half up to the fen",
    arguments: [
      ("12.345678", "1.5", "18.52"),  // 18.518517
      ("2.675", "1", "2.68"),  // binary floating point would say 2.67
      ("1.005", "1", "1.01"),
      ("0.005", "1", "0.01"),
      ("0.004999", "1", "0.00"),
      ("0.333333", "3", "1.00"),  // 0.999999
      ("12.345", "0.1", "1.23"),  // 1.2345
      ("9.80", "2", "19.60"),
      ("12", "3", "36.00"),  // no rounding needed
      ("1.5", "2", "3.00"),
      ("0.000001", "0.0001", "0.00"),
      ("0.125", "0.2", "0.03"),  // 0.025
      ("33.333333", "0.0003", "0.01"),  // 0.0099999999
      ("-0.005", "1", "-0.01"),  // a negative count mirrors the amount
      ("9.80", "-2", "-19.60"),
    ] as [(String, String, String)])
  func times(_ price: String, _ count: String, expected: String) throws {
    let amount = try decimal(price, 6).times(decimal(count, 4))
    #expect(amount.description == expected)
  }

  @Test("a negative count gives exactly the negative of the positive line")
  func timesMirror() throws {
    for (price, count) in [("2.675", "1"), ("12.345678", "1.5"), ("0.125", "0.2"), ("999999.999999", "9999.9999")] {
      let positive = try decimal(price, 6).times(decimal(count, 4))
      let negative = try decimal(price, 6).times(decimal(count, 4).negated)
      #expect(negative == -positive, "\(price) × \(count)")
    }
  }

  @Test("the largest price times the largest count does not overflow")
  func largeProducts() throws {
    // 999999.999999 × 9999.9999 = 9999999899.9900000001, well beyond Int64 before rounding.
    let amount = try decimal("999999.999999", 6).times(decimal("9999.9999", 4))
    #expect(amount == Money(fen: 999_999_989_999))
    #expect(amount.description == "9999999899.99")
    // 9999999499.9900000005: the tiny tail beyond the fen does not round up.
    #expect(try decimal("999999.999999", 6).times(decimal("9999.9995", 4)).description == "9999999499.99")
    // 999999.999995 × 1.0000 = 999999.9999950000 at scale 10: a half fen, rounded up.
    #expect(try decimal("999999.999995", 6).times(decimal("1.0000", 4)).description == "1000000.00")
    #expect(try decimal("999999.999995", 6).times(decimal("9999.9990", 4)).description == "9999998999.95")
  }

  // MARK: Difference and comparison

  @Test("subtraction is exact at the larger scale")
  func subtraction() throws {
    let difference = try decimal("10.5") - decimal("0.25")
    #expect(difference == ExactDecimal(significand: 1025, scale: 2))
    #expect(difference.description == "10.25")
    #expect(try (decimal("1") - decimal("1.0000", 4)).description == "0.0000")
    #expect(try (decimal("0.1") - decimal("0.25")).description == "-0.15")
    #expect(try (decimal("999999.999999") - decimal("9999.9999", 4)).description == "990000.000099")
    #expect(try (decimal("2", 4) - decimal("-3.5", 4)).description == "5.5")
  }

  @Test("comparison is by value across scales")
  func comparison() throws {
    #expect(try decimal("1.5") == decimal("1.50"))
    #expect(try decimal("1.5") == decimal("1.500000"))
    #expect(try decimal("1.5") == ExactDecimal(significand: 15_000, scale: 4))
    #expect(try decimal("1.499999") < decimal("1.5"))
    #expect(try decimal("1.5") > decimal("1.499999"))
    #expect(try decimal("-2") < decimal("-1.999"))
    #expect(try decimal("-0.000001") < decimal("0"))
    #expect(try decimal("0") == decimal("-0.00"))
    #expect(try decimal("10") > decimal("9.999999"))
    let sorted = try ["2", "1.5", "-0.25", "1.4999", "10", "0.000001"].map { try decimal($0) }.sorted()
    #expect(sorted.map(\.description) == ["-0.25", "0.000001", "1.4999", "1.5", "2", "10"])
  }

  @Test("equal values at different scales hash alike")
  func hashing() throws {
    let set: Set<ExactDecimal> = try [decimal("1.5"), decimal("1.50"), decimal("1.500000"), decimal("2")]
    #expect(set.count == 2)
    #expect(try decimal("1.5").hashValue == decimal("1.500000").hashValue)
  }

  @Test
  func hashingLargeValues() throws {
    let large = try decimal("10000000", 6)
    let set: Set<ExactDecimal> = [large, ExactDecimal(significand: 10_000_000_00, scale: 2)]
    #expect(set.count == 1)
    #expect(Money(fen: 10_000_000_00).decimal.hashValue == large.hashValue)
  }

  // MARK: Rescaling and sign

  @Test("rescaled(to:) rounds half away from zero")
  func rescaling() throws {
    #expect(try decimal("1.23456").rescaled(to: 2) == 123)
    #expect(try decimal("1.235").rescaled(to: 2) == 124)
    #expect(try decimal("-1.235").rescaled(to: 2) == -124)
    #expect(try decimal("-1.2349").rescaled(to: 2) == -123)
    #expect(try decimal("1.5").rescaled(to: 4) == 15_000)
    #expect(try decimal("7").rescaled(to: 0) == 7)
  }

  @Test("negated and isNegative")
  func sign() throws {
    let value = try decimal("1.25")
    #expect(!value.isNegative)
    #expect(value.negated.isNegative)
    #expect(value.negated.description == "-1.25")
    #expect(value.negated.negated == value)
    #expect(!ExactDecimal(significand: 0, scale: 3).negated.isNegative)
  }
}
