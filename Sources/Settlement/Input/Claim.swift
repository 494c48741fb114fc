import Money
import Registry

/// What is being settled (结算请求): one visit's fee lines at one institution.
///
/// ```swift
/// let claim = Claim(serviceDate: try Day("2021-05-10"), medicalType: "21", insuranceType: "390",
///                   diseaseCode: "K80.101", institution: hospital, lines: lines)
/// ```
public struct Claim: Sendable {
  /// The service date: visit date (outpatient) or discharge date (inpatient).
  public var serviceDate: Day
  /// 医疗类别 `med_type`.
  public var medicalType: String
  /// 险种 `insutype` of the request.
  public var insuranceType: String
  /// 病种编码 `dise_codg`.
  public var diseaseCode: String?
  /// 个人结算方式 `psn_setlway`: 01 按项目, 02 按定额.
  public var settlementWay: String
  /// 生育类别 `matn_type`.
  public var maternityType: String?
  /// 个人账户使用标志 `acct_used_flag`.
  public var usesAccount: Bool
  public var institution: Institution
  public var lines: [FeeLine]

  public init(
    serviceDate: Day, medicalType: String, insuranceType: String, diseaseCode: String? = nil,
    settlementWay: String = "01", maternityType: String? = nil, usesAccount: Bool = false,
    institution: Institution, lines: [FeeLine]
  ) {
    self.serviceDate = serviceDate
    self.medicalType = medicalType
    self.insuranceType = insuranceType
    self.diseaseCode = diseaseCode
    self.settlementWay = settlementWay
    self.maternityType = maternityType
    self.usesAccount = usesAccount
    self.institution = institution
    self.lines = lines
  }
}

/// A fee line (费用明细) with its catalogue item; `amount` = round(price × count),
/// negative for a refund line.
public struct FeeLine: Sendable, Hashable {
  /// 费用明细流水号 `feedetl_sn`.
  public let serial: String
  public let item: CatalogItem
  public let price: ExactDecimal
  public let count: ExactDecimal
  public let amount: Money

  /// Builds a line from price and count; the amount is their exact product, rounded.
  public init(serial: String, item: CatalogItem, price: ExactDecimal, count: ExactDecimal) {
    self.serial = serial
    self.item = item
    self.price = price
    self.count = count
    self.amount = price.times(count)
  }
}

/// The insured person on the service date, with the row the claim names.
public struct Beneficiary: Sendable {
  public let person: Person
  /// The insurance row of the claim's insutype.
  public let insurance: Insurance
  /// 个人账户余额 now (imported balance moved by the ledger).
  public let accountBalance: Money

  public init(person: Person, insurance: Insurance, accountBalance: Money) {
    self.person = person
    self.insurance = insurance
    self.accountBalance = accountBalance
  }
}
