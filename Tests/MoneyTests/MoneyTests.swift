import Money
import Testing

/// `Money`: exact parsing of yuan text, the two-decimal text form, and `multiplied(by:)`
/// rounding half up (half away from zero for negative mirrors).
@Suite("Money")
struct MoneyTests {
  // MARK: Parsing

  @Test(
    "reads yuan with at most two decimals",
    arguments: [
      ("12", 12_00), ("12.5", 12_50), ("12.50", 12_50), ("-0.01", -1), ("0", 0), ("-0", 0), ("+0.5", 50),
      ("0.05", 5), ("1.500", 1_50), ("1.5000", 1_50), ("18000.00", 18_000_00), ("007.10", 7_10),
    ] as [(String, Int64)])
  func parsesExactly(_ text: String, fen: Int64) throws {
    #expect(try Money(yuan: text) == Money(fen: fen))
  }

  @Test("trailing zeros beyond two decimals are harmless: 1.500 is 1.50")
  func trailingZerosAreDropped() throws {
    let money = try Money(yuan: "1.500")
    #expect(money.fen == 150)
    #expect(money.description == "1.50")
  }

  @Test("more than two significant decimals is refused, never rounded")
  func refusesThirdDecimal() {
    #expect(throws: MoneyError.tooManyDecimals("1.505", allowed: 2)) { try Money(yuan: "1.505") }
    #expect(throws: MoneyError.tooManyDecimals("0.001", allowed: 2)) { try Money(yuan: "0.001") }
    #expect(throws: MoneyError.tooManyDecimals("-12.3456", allowed: 2)) { try Money(yuan: "-12.3456") }
  }

  @Test(
    "refuses what is not plain decimal text",
    arguments: ["1e3", "1E3", "", " 1", "1 ", "1.2.3", "abc", "-", "+", ".", "1,000", "--1", "0x10", "１２", "12元"])
  func refusesNonDecimals(_ text: String) {
    #expect(throws: MoneyError.notADecimal(text)) { try Money(yuan: text) }
  }

  @Test(
    "refuses values too large to be exact",
    arguments: ["10000000000000000", "99999999999999999999", "1000000000000000.00", "-10000000000000000"])
  func refusesHugeValues(_ text: String) {
    #expect(throws: MoneyError.outOfRange(text)) { try Money(yuan: text) }
  }

  @Test("the largest accepted values are kept exactly")
  func largestAccepted() throws {
    #expect(try Money(yuan: "999999999999999").fen == 99_999_999_999_999_900)
    #expect(try Money(yuan: "9999999999999.99").fen == 999_999_999_999_999)
    #expect(try Money(yuan: "-9999999999999.99").fen == -999_999_999_999_999)
  }

  @Test("errors describe the text and the problem")
  func errorDescriptions() {
    #expect(MoneyError.notADecimal("abc").description == "“abc”不是数值")
    #expect(MoneyError.tooManyDecimals("1.505", allowed: 2).description == "“1.505”超过2位小数")
    #expect(MoneyError.outOfRange("1e99").description == "“1e99”超出范围")
  }

  // MARK: Text

  @Test(
    "description always has two decimals, negatives included",
    arguments: [
      (0, "0.00"), (5, "0.05"), (-5, "-0.05"), (-1, "-0.01"), (10, "0.10"), (-100, "-1.00"), (1_50, "1.50"),
      (11_050_00, "11050.00"), (-123_456, "-1234.56"), (Int64.max, "92233720368547758.07"),
      (Int64.min, "-92233720368547758.08"),
    ] as [(Int64, String)])
  func description(_ fen: Int64, text: String) {
    #expect(Money(fen: fen).description == text)
    #expect("\(Money(fen: fen))" == text)
  }

  @Test(
    "description reads back to the same amount", arguments: [0, 1, -1, 5, -5, 99, 100, -101, 123_456_789] as [Int64])
  func descriptionRoundTrips(_ fen: Int64) throws {
    #expect(try Money(yuan: Money(fen: fen).description) == Money(fen: fen))
  }

  // MARK: Arithmetic

  @Test("adds, subtracts, negates, sums, and takes the positive part")
  func arithmetic() throws {
    let a = try Money(yuan: "18000.00")
    let b = try Money(yuan: "1000")
    #expect(a - b == Money(fen: 17_000_00))
    #expect(a + b == Money(fen: 19_000_00))
    #expect(-b == Money(fen: -1_000_00))
    #expect(Money.sum([a, b, -b]) == a)
    #expect(Money.sum([Money]()) == .zero)
    #expect((b - a).positivePart == .zero)
    #expect((a - b).positivePart == a - b)
    #expect(Money.zero.isZero && !b.isZero)
    #expect(b < a && -a < -b)
    var total = Money.zero
    total += a
    total -= b
    #expect(total == Money(fen: 17_000_00))
    #expect(a.decimal == ExactDecimal(significand: 18_000_00, scale: 2))
  }

  // MARK: Rounding

  @Test(
    "multiplied(by:) rounds half up to the fen",
    arguments: [
      ("17000.00", Ratio.percent(65), "11050.00"),  // the doc example
      ("0.01", .percent(50), "0.01"),  // 0.005 → 0.01
      ("0.03", .percent(50), "0.02"),  // 0.015 → 0.02
      ("10.01", .percent(50), "5.01"),  // 5.005 → 5.01
      ("1.23", .percent(65), "0.80"),  // 0.7995 → 0.80
      ("0.09", .percent(5), "0.00"),  // 0.0045 → 0.00
      ("0.10", .percent(5), "0.01"),  // 0.005 → 0.01
      ("0.30", Ratio(1, over: 40), "0.01"),  // 0.0075 → 0.01
      ("2.01", .percent(50), "1.01"),  // 1.005 → 1.01
      ("2.69", .percent(50), "1.35"),  // 1.345 → 1.35
      ("1.00", Ratio(1, over: 3), "0.33"),  // 0.3333…
      ("2.00", Ratio(1, over: 3), "0.67"),  // 0.6666…
      ("99.99", .one, "99.99"),
      ("99.99", .zero, "0.00"),
    ] as [(String, Ratio, String)])
  func roundsHalfUp(_ amount: String, ratio: Ratio, expected: String) throws {
    let result = try Money(yuan: amount).multiplied(by: ratio)
    #expect(result.description == expected)
  }

  @Test(
    "a negative mirror rounds half away from zero: exactly the negative of the original",
    arguments: [
      ("0.01", Ratio.percent(50)), ("0.03", .percent(50)), ("10.01", .percent(50)), ("1.23", .percent(65)),
      ("0.09", .percent(5)), ("0.10", .percent(5)), ("2.00", Ratio(1, over: 3)), ("12345.67", .percent(85)),
      ("0.07", Ratio(1, over: 40)),
    ] as [(String, Ratio)])
  func negativeMirror(_ amount: String, ratio: Ratio) throws {
    let money = try Money(yuan: amount)
    let original = money.multiplied(by: ratio)
    let mirror = (-money).multiplied(by: ratio)
    #expect(mirror == -original)
    #expect(mirror.fen + original.fen == 0)
  }

  @Test("negative half cases go away from zero, not up")
  func negativeHalfCases() throws {
    #expect(try Money(yuan: "-0.01").multiplied(by: .percent(50)).description == "-0.01")
    #expect(try Money(yuan: "-10.01").multiplied(by: .percent(50)).description == "-5.01")
    #expect(try Money(yuan: "-0.10").multiplied(by: .percent(5)).description == "-0.01")
    #expect(try Money(yuan: "-0.09").multiplied(by: .percent(5)).description == "0.00")
  }
}
