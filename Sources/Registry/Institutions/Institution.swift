/// A designated institution (定点医药机构): a hospital or a pharmacy.
///
/// ```swift
/// let hospital = Institution(code: "H37040200001", name: "枣庄市立医院", kind: .hospital,
///                            level: 3, admdvs: "370402", isDialysisPartner: false)
/// ```
public struct Institution: Sendable, Hashable {
  /// 定点医药机构编号 `fixmedins_code`.
  public let code: String
  /// 定点医药机构名称 `fixmedins_name`.
  public let name: String
  public let kind: Kind
  /// 医院等级 `hosp_lv`: 0 村卫生室/社区卫生服务站, 1 一级, 2 二级, 3 三级.
  public let level: Int
  /// 所在行政区划.
  public let admdvs: String
  /// 透析按人头付费合作机构.
  public let isDialysisPartner: Bool

  public init(code: String, name: String, kind: Kind, level: Int, admdvs: String, isDialysisPartner: Bool) {
    self.code = code
    self.name = name
    self.kind = kind
    self.level = level
    self.admdvs = admdvs
    self.isDialysisPartner = isDialysisPartner
  }

  /// `fixmedins_type`: H 医院, P 药店.
  public enum Kind: String, Sendable, Hashable {
    case hospital = "H"
    case pharmacy = "P"
  }
}
