import Money
import Settlement

/// A stored settlement (结算) or its cancellation (a mirror with negative amounts).
public struct SettlementRecord: Sendable, Hashable {
  /// 结算ID `setl_id`.
  public let id: String
  public let visitID: String
  public let personNumber: String
  public let institutionCode: String
  public let insuranceType: String
  public let medicalType: String
  /// 清算类别 `clr_type`: 11 门诊, 21 住院, 41 药店.
  public let clearingType: String
  /// 结算时间 `setl_time`.
  public let settledAt: String
  public let serviceDate: String
  public let versionID: String
  public let regimeID: String
  public let summary: SettlementSummary
  /// 个人账户余额 after this settlement `balc`.
  public let accountBalance: Money
  /// The request's `msgid` (`medins_setl_id`).
  public let messageID: String?
  /// For a cancellation: the settlement it cancels.
  public let cancels: String?
  /// For a settlement: the cancellation that undid it.
  public var cancelledBy: String?
  public let funds: [FundPayment]
  /// Undone by 冲正 (2601): as if it had never happened.
  public var isReversed = false

  public init(
    id: String, visitID: String, personNumber: String, institutionCode: String, insuranceType: String,
    medicalType: String, clearingType: String, settledAt: String, serviceDate: String, versionID: String,
    regimeID: String, summary: SettlementSummary, accountBalance: Money, messageID: String?, cancels: String?,
    cancelledBy: String?, funds: [FundPayment]
  ) {
    self.id = id
    self.visitID = visitID
    self.personNumber = personNumber
    self.institutionCode = institutionCode
    self.insuranceType = insuranceType
    self.medicalType = medicalType
    self.clearingType = clearingType
    self.settledAt = settledAt
    self.serviceDate = serviceDate
    self.versionID = versionID
    self.regimeID = regimeID
    self.summary = summary
    self.accountBalance = accountBalance
    self.messageID = messageID
    self.cancels = cancels
    self.cancelledBy = cancelledBy
    self.funds = funds
  }
}
