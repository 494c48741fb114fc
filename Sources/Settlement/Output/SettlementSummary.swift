import Money

/// The figures of a settlement as the national `setlinfo` groups them; what is stored,
/// answered, reconciled and mirrored by a cancellation.
///
/// ```swift
/// let summary = settlement.summary
/// summary.basicPay        // hifp_pay = 310100 + 390100
/// summary.mirrored        // the cancellation's figures
/// ```
public struct SettlementSummary: Sendable, Hashable {
  public var medicalFee: Money
  public var fullOwnPay: Money
  public var overLimit: Money
  public var preSelfPay: Money
  public var inScope: Money
  public var deductible: Money
  public var basicRatio: Ratio
  /// `hifp_pay`: 310100 + 390100 (510100 has no setlinfo field).
  public var basicPay: Money
  /// `hifmi_pay`: 390200 (大病 and 特药).
  public var criticalIllnessPay: Money
  /// `hifob_pay`: 330100.
  public var supplementaryPay: Money
  /// `maf_pay`: 610100 + 610102.
  public var assistancePay: Money
  public var fundTotal: Money
  public var accountPay: Money
  public var cashPay: Money
  /// `fund_pay_type` → amount, every non-zero line including the account.
  public var funds: [String: Money]

  public var personalPart: Money { accountPay + cashPay }

  public init(
    medicalFee: Money, fullOwnPay: Money, overLimit: Money, preSelfPay: Money, inScope: Money, deductible: Money,
    basicRatio: Ratio, basicPay: Money, criticalIllnessPay: Money, supplementaryPay: Money, assistancePay: Money,
    fundTotal: Money, accountPay: Money, cashPay: Money, funds: [String: Money]
  ) {
    self.medicalFee = medicalFee
    self.fullOwnPay = fullOwnPay
    self.overLimit = overLimit
    self.preSelfPay = preSelfPay
    self.inScope = inScope
    self.deductible = deductible
    self.basicRatio = basicRatio
    self.basicPay = basicPay
    self.criticalIllnessPay = criticalIllnessPay
    self.supplementaryPay = supplementaryPay
    self.assistancePay = assistancePay
    self.fundTotal = fundTotal
    self.accountPay = accountPay
    self.cashPay = cashPay
    self.funds = funds
  }

  /// The national `fund_pay_type`s behind each setlinfo field.
  public enum FundGroup {
    public static let basic: Set<String> = ["310100", "390100"]
    public static let criticalIllness: Set<String> = ["390200"]
    public static let supplementary: Set<String> = ["330100"]
    public static let assistance: Set<String> = ["610100", "610102"]
  }

  /// A cancellation: every amount negated, the ratio kept.
  public var mirrored: SettlementSummary {
    var copy = self
    for path in [
      \SettlementSummary.medicalFee, \.fullOwnPay, \.overLimit, \.preSelfPay, \.inScope, \.deductible, \.basicPay,
      \.criticalIllnessPay, \.supplementaryPay, \.assistancePay, \.fundTotal, \.accountPay, \.cashPay,
    ] as [WritableKeyPath<SettlementSummary, Money>] {
      copy[keyPath: path] = -self[keyPath: path]
    }
    copy.funds = funds.mapValues { -$0 }
    return copy
  }
}

extension Settlement {
  public var summary: SettlementSummary {
    let totals = split.totals
    return SettlementSummary(
      medicalFee: totals.medicalFee, fullOwnPay: totals.fullOwnPay, overLimit: totals.overLimit,
      preSelfPay: totals.preSelfPay, inScope: totals.inScope, deductible: deductible, basicRatio: basicRatio,
      basicPay: paid(by: SettlementSummary.FundGroup.basic),
      criticalIllnessPay: paid(by: SettlementSummary.FundGroup.criticalIllness),
      supplementaryPay: paid(by: SettlementSummary.FundGroup.supplementary),
      assistancePay: paid(by: SettlementSummary.FundGroup.assistance), fundTotal: fundTotal,
      accountPay: accountPayment, cashPay: cashPayment,
      funds: Dictionary(funds.map { ($0.fund, $0.amount) }, uniquingKeysWith: +))
  }
}
