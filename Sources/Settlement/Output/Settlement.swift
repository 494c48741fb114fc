import Money

/// A computed settlement: the totals, every fund's payment with its explanation, the
/// personal part and the ledger entries to append.
///
/// ```swift
/// settlement.fundTotal + settlement.personalPart == settlement.split.totals.medicalFee  // always
/// ```
public struct Settlement: Sendable {
  public let versionID: String
  public let regimeID: String
  public let regimeName: String
  /// The insutype settled under (510 for maternity with a 510 row).
  public let insuranceType: String
  public let split: SplitClaim
  /// `act_pay_dedc`.
  public let deductible: Money
  /// `pool_prop_selfpay`.
  public let basicRatio: Ratio
  /// Every fund line with a non-zero amount, the account last.
  public let funds: [FundPayment]
  /// `fund_pay_sumamt`: every fund except the account.
  public let fundTotal: Money
  public let accountPayment: Money
  public let cashPayment: Money
  public let accountBalanceAfter: Money
  public let changes: [AccumulatorChange]
  public let courseNumber: String?

  /// `psn_part_amt` = acct_pay + psn_cash_pay.
  public var personalPart: Money { accountPayment + cashPayment }

  /// The sum of the fund lines of these `fund_pay_type`s.
  public func paid(by funds: Set<String>) -> Money {
    Money.sum(self.funds.filter { funds.contains($0.fund) }.map(\.amount))
  }
}

/// One `setldetail` line.
public struct FundPayment: Sendable, Hashable {
  /// `fund_pay_type`.
  public let fund: String
  /// `fund_pay_type_name`.
  public let name: String
  /// The line's calculation base (`inscp_scp_amt`).
  public let base: Money
  /// `fund_payamt`.
  public let amount: Money
  /// `crt_payb_lmt_amt`: what the binding limit allowed before this settlement.
  public let limitLeft: Money?
  /// `setl_proc_info`.
  public let explanation: String

  public init(fund: String, name: String, base: Money, amount: Money, limitLeft: Money?, explanation: String) {
    self.fund = fund
    self.name = name
    self.base = base
    self.amount = amount
    self.limitLeft = limitLeft
    self.explanation = explanation
  }
}
