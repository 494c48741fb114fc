import Money
import Testing

/// `ExactAmount`: fractions of a fen kept exact through sums of ratio products and divisions
/// by a ratio, then rounded once, half up (half away from zero when negative).
@Suite("ExactAmount")
struct ExactAmountTests {
  @Test("a sum rounded once can differ from the sum of rounded terms")
  func roundOnceVersusEach() throws {
    let cent = try Money(yuan: "0.01")
    let terms = [cent, cent, cent].map { $0.exactly(times: .percent(50)) }  // 0.005 each
    let roundedOnce = terms.reduce(ExactAmount.zero, +).rounded()  // 0.015 → 0.02
    let roundedEach = Money.sum(terms.map { $0.rounded() })  // 0.01 × 3
    #expect(roundedOnce.description == "0.02")
    #expect(roundedEach.description == "0.03")
    #expect(roundedOnce != roundedEach)
  }

  @Test("segments of different ratios summed exactly, as a segmented layer does")
  func segmentsSummedOnce() throws {
    // 0.01 × 65% + 0.01 × 75% + 0.01 × 85% = 0.0225 → 0.02; rounded per segment 0.01 × 3 = 0.03.
    let cent = try Money(yuan: "0.01")
    let ratios: [Ratio] = [.percent(65), .percent(75), .percent(85)]
    let exact = ratios.map { cent.exactly(times: $0) }.reduce(ExactAmount.zero, +)
    #expect(exact == ExactAmount(225, over: 100))  // 2.25 fen
    #expect(exact.rounded().description == "0.02")
    #expect(Money.sum(ratios.map { cent.multiplied(by: $0) }).description == "0.03")
    // Large amounts stay exact too.
    let large = try Money(yuan: "100000.01")
    let total = ratios.map { large.exactly(times: $0) }.reduce(ExactAmount.zero, +)
    #expect(total.rounded().description == "225000.02")  // 225000.0225
  }

  @Test(
    "a rounded exact product equals multiplied(by:)", arguments: ["0.01", "0.03", "10.01", "1.23", "-10.01", "-0.07"])
  func exactlyTimesMatchesMultiplied(_ amount: String) throws {
    let money = try Money(yuan: amount)
    for ratio in [Ratio.percent(50), .percent(65), Ratio(1, over: 40), Ratio(1, over: 3), .one, .zero] {
      #expect(money.exactly(times: ratio).rounded() == money.multiplied(by: ratio), "\(amount) × \(ratio)")
    }
  }

  @Test("divided(by:) is exact: the doc's over-cap example gives 75.00")
  func dividedByRatio() throws {
    let overCap = try Money(yuan: "100.00").divided(by: .percent(80)) - Money(yuan: "40.00").divided(by: .percent(80))
    #expect(overCap == ExactAmount(7_500, over: 1))
    #expect(overCap.rounded().description == "75.00")
    #expect(try Money(yuan: "10.00").divided(by: .percent(30)).rounded().description == "33.33")
    #expect(try Money(yuan: "20.00").divided(by: .percent(30)).rounded().description == "66.67")
    #expect(try Money(yuan: "0.01").divided(by: .percent(200)).rounded().description == "0.01")  // 0.005
    #expect(try Money(yuan: "-0.01").divided(by: .percent(200)).rounded().description == "-0.01")
    // Dividing then multiplying by the same ratio gives the amount back exactly.
    let back = try Money(yuan: "12345.67").divided(by: .percent(65)).multiplied(by: .percent(65))
    #expect(back.rounded() == Money(fen: 1_234_567))
    #expect(back == ExactAmount(Money(fen: 1_234_567)))
  }

  @Test("rounds half up, and half away from zero when negative")
  func rounding() {
    #expect(ExactAmount(1, over: 2).rounded() == Money(fen: 1))
    #expect(ExactAmount(3, over: 2).rounded() == Money(fen: 2))
    #expect(ExactAmount(-1, over: 2).rounded() == Money(fen: -1))
    #expect(ExactAmount(-3, over: 2).rounded() == Money(fen: -2))
    #expect(ExactAmount(49, over: 100).rounded() == .zero)
    #expect(ExactAmount(-49, over: 100).rounded() == .zero)
    #expect(ExactAmount(2, over: 3).rounded() == Money(fen: 1))
  }

  @Test("a negative denominator is normalised")
  func negativeDenominator() {
    let amount = ExactAmount(3, over: -2)
    #expect(amount.numerator == -3)
    #expect(amount.denominator == 2)
    #expect(amount.rounded() == Money(fen: -2))
    #expect(ExactAmount(-3, over: -2) == ExactAmount(3, over: 2))
  }

  @Test("compares by value whatever the denominators")
  func comparison() {
    #expect(ExactAmount(1, over: 2) == ExactAmount(2, over: 4))
    #expect(ExactAmount(1, over: 3) < ExactAmount(1, over: 2))
    #expect(ExactAmount(-1, over: 2) < ExactAmount.zero)
    #expect(ExactAmount(Money(fen: 150)) == ExactAmount(300, over: 2))
    #expect(min(ExactAmount(7, over: 2), ExactAmount(10, over: 3)) == ExactAmount(10, over: 3))
  }

  @Test("adds and subtracts with different denominators")
  func arithmetic() {
    #expect(ExactAmount(1, over: 2) + ExactAmount(1, over: 3) == ExactAmount(5, over: 6))
    #expect(ExactAmount(1, over: 2) - ExactAmount(1, over: 3) == ExactAmount(1, over: 6))
    #expect(ExactAmount(1, over: 4) + ExactAmount(1, over: 4) == ExactAmount(1, over: 2))
    #expect(ExactAmount(Money(fen: 5)) - ExactAmount(Money(fen: 7)) == ExactAmount(Money(fen: -2)))
    #expect(ExactAmount(1, over: 3).multiplied(by: .percent(50)) == ExactAmount(1, over: 6))
  }

  @Test("a mirrored exact amount rounds to the exact negative", arguments: ["0.01", "0.03", "10.01", "99999.99"])
  func mirror(_ amount: String) throws {
    let money = try Money(yuan: amount)
    let terms: [Ratio] = [.percent(65), .percent(75), Ratio(1, over: 40)]
    let original = terms.map { money.exactly(times: $0) }.reduce(ExactAmount.zero, +).rounded()
    let mirror = terms.map { (-money).exactly(times: $0) }.reduce(ExactAmount.zero, +).rounded()
    #expect(mirror == -original)
  }
}
