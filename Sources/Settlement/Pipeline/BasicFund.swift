import Money
import Policy
import Registry

/// Stage 3 (§4.1–4.6): the basic fund's payment of the chosen regime.
///
/// base → deductible → first-pay → ratio (+ bonus) → the smallest limit left; or a
/// package (the whole base, beyond limits); or a fixed standard (min(standard, base)).
///
/// ```swift
/// let basic = BasicFund.pay(split, regime: chosen, fund: "390100", limits: book)
/// basic.amount  // hifp
/// ```
public enum BasicFund {
  public static func pay(_ split: SplitClaim, regime chosen: ChosenRegime, fund: String, limits book: LimitBook)
    -> BasicPayment
  {
    let regime = chosen.regime
    let facts = chosen.facts
    let base = split.inScope(selectedBy: regime.base)
    let limits = book.states(for: regime.limits + (chosen.disease?.limits ?? []))
    let package =
      (chosen.disease?.packages ?? []).first { $0.when.matches(facts) }
      ?? regime.packages.first { $0.when.matches(facts) }
    var payment = BasicPayment(fund: fund, base: base, limits: limits)
    var text = "\(regime.name)\(chosen.disease.map { "·\($0.name)" } ?? "")：政策范围内 \(base)"

    if let package {
      // A package pays the whole base even beyond every limit; it still counts toward them.
      payment.package = package
      payment.ratio = .one
      payment.reportedRatio = .one
      payment.ratioBase = base
      payment.uncapped = base
      payment.amount = base
      text += " 按\(package.name)全额支付 = \(base)"
    } else if regime.method == .standard {
      let standard = LimitState.smallestLeft(limits)
      payment.ratio = .one
      payment.reportedRatio = .zero
      payment.ratioBase = base
      payment.uncapped = base
      payment.amount = min(base, standard?.left ?? base).positivePart
      text += "，定额标准剩余 \(standard?.left.map(\.description) ?? "不限")，支付 \(payment.amount)"
    } else {
      if let rule = regime.deductible, let amount = rule.amount.value(for: facts) {
        var left = amount
        if rule.scope == .year, let counter = rule.counter {
          left = (amount - book.totals[book.yearCounter(counter)]).positivePart
        }
        payment.deductible = min(base, left).positivePart
        if rule.scope == .year, let counter = rule.counter, !payment.deductible.isZero {
          payment.changes.append(AccumulatorChange(key: book.yearCounter(counter), delta: payment.deductible))
        }
        text += " − 起付线 \(payment.deductible)"
      }
      let afterDeductible = base - payment.deductible
      let firstPayRatio = (chosen.disease?.firstPay ?? regime.firstPay)?.value(for: facts) ?? .zero
      payment.firstPay = afterDeductible.multiplied(by: firstPayRatio)
      if !firstPayRatio.isZero { text += " − 先自付 \(firstPayRatio) \(payment.firstPay)" }
      payment.ratioBase = afterDeductible - payment.firstPay
      let bonus = regime.bonus?.value(for: facts) ?? .zero
      payment.ratio = ((regime.ratio.value(for: facts) ?? .zero) + bonus).clampedToOne
      payment.reportedRatio = payment.ratio
      payment.uncapped = payment.ratioBase.multiplied(by: payment.ratio).positivePart
      text += " = \(payment.ratioBase) × \(payment.ratio)\(bonus.isZero ? "" : "(含续保奖励\(bonus))") = \(payment.uncapped)"
      payment.amount = payment.uncapped
      if let binding = LimitState.smallestLeft(limits), let left = binding.left, left < payment.uncapped {
        payment.amount = left
        text += "，\(binding.definition.name)剩余 \(left)，支付 \(left)"
      }
    }
    for limit in limits {
      if let key = limit.key, !payment.amount.isZero {
        payment.changes.append(AccumulatorChange(key: key, delta: payment.amount))
      }
    }
    payment.explanation = text
    return payment
  }
}

/// What the basic fund paid and how.
public struct BasicPayment: Sendable {
  /// `fund_pay_type` (310100, 390100, 510100).
  public let fund: String
  /// The regime's base (Iₙ, or its drug / nego lines).
  public let base: Money
  public internal(set) var deductible = Money.zero
  public internal(set) var firstPay = Money.zero
  /// E′: what the ratio applies to.
  public internal(set) var ratioBase = Money.zero
  public internal(set) var ratio = Ratio.zero
  /// `pool_prop_selfpay`: 1 for packages, 0 for fixed standards.
  public internal(set) var reportedRatio = Ratio.zero
  /// round(E′ × r) before limits.
  public internal(set) var uncapped = Money.zero
  /// hifp.
  public internal(set) var amount = Money.zero
  public let limits: [LimitState]
  public internal(set) var package: Package?
  public internal(set) var changes: [AccumulatorChange] = []
  public internal(set) var explanation = ""

  init(fund: String, base: Money, limits: [LimitState]) {
    self.fund = fund
    self.base = base
    self.limits = limits
  }
}
