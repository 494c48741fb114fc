import Money

/// A fee line as uploaded (2204 / 2301) with its split; `settlementID` is set once settled.
public struct StoredFeeLine: Sendable, Hashable {
  public let visitID: String
  /// 费用明细流水号 `feedetl_sn`.
  public let serial: String
  /// 收费批次号 `chrg_bchno`.
  public let batch: String?
  public let itemCode: String
  public let institutionItemCode: String?
  public let price: ExactDecimal
  public let count: ExactDecimal
  public let amount: Money
  public let fullOwnPay: Money
  public let overLimit: Money
  public let preSelfPay: Money
  public let inScope: Money
  public let selfPayRatio: Ratio
  /// 原费用流水号 `init_feedetl_sn` of a refund line.
  public let refundOf: String?
  public let occurredAt: String?
  public var settlementID: String?

  public init(
    visitID: String, serial: String, batch: String?, itemCode: String, institutionItemCode: String?,
    price: ExactDecimal, count: ExactDecimal, amount: Money, fullOwnPay: Money, overLimit: Money,
    preSelfPay: Money, inScope: Money, selfPayRatio: Ratio, refundOf: String?, occurredAt: String?,
    settlementID: String? = nil
  ) {
    self.visitID = visitID
    self.serial = serial
    self.batch = batch
    self.itemCode = itemCode
    self.institutionItemCode = institutionItemCode
    self.price = price
    self.count = count
    self.amount = amount
    self.fullOwnPay = fullOwnPay
    self.overLimit = overLimit
    self.preSelfPay = preSelfPay
    self.inScope = inScope
    self.selfPayRatio = selfPayRatio
    self.refundOf = refundOf
    self.occurredAt = occurredAt
    self.settlementID = settlementID
  }
}
