import Money

/// An item of the medical-insurance catalogue (医保目录): a drug, a service or a consumable.
///
/// ```swift
/// let item = CatalogItem(code: "XA11GAW043A013010100002", name: "阿卡波糖片", listType: "101",
///                        level: .classB, chargeType: "09", selfPayRatio: .percent(10),
///                        priceCap: nil, isNegotiated: false, isSpecialDrug: false,
///                        validity: DateRange(begin: try Day("2019-01-01"), end: nil))
/// ```
public struct CatalogItem: Sendable, Hashable {
  /// 医疗目录编码 `med_list_codg`.
  public let code: String
  public let name: String
  /// 目录类别 `list_type`: 101 西药中成药 … 201 医疗服务项目, 301 医用耗材.
  public let listType: String
  /// 收费项目等级 `chrgitm_lv`.
  public let level: Level
  /// 医疗收费项目类别 `med_chrgitm_type`.
  public let chargeType: String
  /// 自付比例 `selfpay_prop` (先行自付).
  public let selfPayRatio: Ratio
  /// 最高限价 `pric_uplmt_amt`.
  public let priceCap: Money?
  /// 国家谈判药 / 双通道.
  public let isNegotiated: Bool
  /// 大病特药.
  public let isSpecialDrug: Bool
  public let validity: DateRange

  public init(
    code: String, name: String, listType: String, level: Level, chargeType: String, selfPayRatio: Ratio,
    priceCap: Money?, isNegotiated: Bool, isSpecialDrug: Bool, validity: DateRange
  ) {
    self.code = code
    self.name = name
    self.listType = listType
    self.level = level
    self.chargeType = chargeType
    self.selfPayRatio = selfPayRatio
    self.priceCap = priceCap
    self.isNegotiated = isNegotiated
    self.isSpecialDrug = isSpecialDrug
    self.validity = validity
  }

  /// 收费项目等级: 01 甲类, 02 乙类, 03 丙类.
  public enum Level: String, Sendable, Hashable {
    case classA = "01"
    case classB = "02"
    case classC = "03"
  }

  /// Whether this is a drug (`list_type` 1xx).
  public var isDrug: Bool { listType.hasPrefix("1") }
}
