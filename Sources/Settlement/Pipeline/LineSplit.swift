import Money
import Policy
import Registry

/// Stage 1 (§3): splits every fee line into 全自费, 超限价, 先行自付 and 政策范围内.
///
/// ```swift
/// let split = LineSplit.split(claim.lines, rules: version.lineSplit, facts: facts)
/// split.totals.inScope  // I
/// ```
public enum LineSplit {
  public static func split(_ lines: [FeeLine], rules: LineSplitRules, facts: Facts) -> SplitClaim {
    let separatesSpecial = rules.specialDrugsSeparate?.matches(facts) ?? false
    let negotiatedRatio = rules.negotiatedSelfPay?.value(for: facts)
    let split = lines.map { line in
      splitLine(line, negotiatedRatio: negotiatedRatio, separatesSpecial: separatesSpecial)
    }
    return SplitClaim(lines: split)
  }

  /// A refund line (negative count) is the exact negative of the same positive quantity.
  static func splitLine(_ line: FeeLine, negotiatedRatio: Ratio?, separatesSpecial: Bool) -> SplitLine {
    let sign: Int64 = line.amount.fen < 0 ? -1 : 1
    let amount = Money(fen: line.amount.fen * sign)
    let count = line.count.isNegative ? line.count.negated : line.count
    let item = line.item
    var fullOwnPay = Money.zero
    var overLimit = Money.zero
    var preSelfPay = Money.zero
    var ratio = Ratio.zero
    if item.level == .classC {
      fullOwnPay = amount
    } else {
      if let cap = item.priceCap?.decimal, line.price > cap {
        overLimit = min((line.price - cap).times(count), amount)
      }
      ratio = item.level == .classA ? .zero : item.selfPayRatio
      if item.isNegotiated, let negotiatedRatio { ratio = negotiatedRatio }
      preSelfPay = (amount - overLimit).multiplied(by: ratio)
    }
    let inScope = amount - fullOwnPay - overLimit - preSelfPay
    func signed(_ money: Money) -> Money { Money(fen: money.fen * sign) }
    return SplitLine(
      line: line, fullOwnPay: signed(fullOwnPay), overLimit: signed(overLimit), preSelfPay: signed(preSelfPay),
      inScope: signed(inScope), selfPayRatio: ratio, isSeparateSpecial: separatesSpecial && item.isSpecialDrug)
  }
}

/// One fee line after the split (the 2204/2301 `result[]` row).
public struct SplitLine: Sendable, Hashable {
  public let line: FeeLine
  /// 全自费金额 `fulamt_ownpay_amt`.
  public let fullOwnPay: Money
  /// 超限价金额 `overlmt_amt`.
  public let overLimit: Money
  /// 先行自付金额 `preselfpay_amt`.
  public let preSelfPay: Money
  /// 符合政策范围金额 `inscp_scp_amt`.
  public let inScope: Money
  /// The 自付比例 applied (`selfpay_prop`).
  public let selfPayRatio: Ratio
  /// A special drug whose in-scope amount goes to the special-drug track (S).
  public let isSeparateSpecial: Bool
}

/// The split lines and their totals F, O, Pre, I, S, Iₙ.
public struct SplitClaim: Sendable {
  public let lines: [SplitLine]
  public let totals: LineTotals

  public init(lines: [SplitLine]) {
    self.lines = lines
    var totals = LineTotals()
    for line in lines {
      totals.medicalFee += line.line.amount
      totals.fullOwnPay += line.fullOwnPay
      totals.overLimit += line.overLimit
      totals.preSelfPay += line.preSelfPay
      totals.inScope += line.inScope
      if line.isSeparateSpecial { totals.special += line.inScope }
    }
    self.totals = totals
  }

  /// Σ inscp of the regular (non-special) lines that `selection` admits: a regime's base.
  public func inScope(selectedBy selection: BaseSelection) -> Money {
    var total = Money.zero
    for line in lines where !line.isSeparateSpecial {
      if let types = selection.listTypes, !types.contains(line.line.item.listType) { continue }
      if selection.negotiatedOnly && !line.line.item.isNegotiated { continue }
      total += line.inScope
    }
    return total
  }
}

/// Settlement totals of the split (§3).
public struct LineTotals: Sendable, Hashable {
  /// medfee: Σ line.
  public var medicalFee = Money.zero
  /// F: Σ fulamt_ownpay.
  public var fullOwnPay = Money.zero
  /// O: Σ overlmt.
  public var overLimit = Money.zero
  /// Pre: Σ preselfpay.
  public var preSelfPay = Money.zero
  /// I: Σ inscp.
  public var inScope = Money.zero
  /// S: Σ inscp of special lines on the special-drug track.
  public var special = Money.zero
  /// Iₙ = I − S.
  public var inScopeRegular: Money { inScope - special }
}
