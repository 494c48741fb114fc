import Money

/// An insured person (参保人) with every insurance row, identity and qualification.
///
/// ```swift
/// let person = Person(number: "37040000000000000001", certificateType: "01", certificateNumber: "…",
///                     name: "张三", gender: .female, birthDate: try Day("1985-03-12"), admdvs: "370402")
/// person.insurance(ofType: "390")?.personType  // "1501"
/// ```
public struct Person: Sendable, Hashable {
  /// 人员编号 `psn_no`.
  public let number: String
  /// 人员证件类型 `psn_cert_type`.
  public let certificateType: String
  /// 证件号码 `certno`.
  public let certificateNumber: String
  /// 姓名 `psn_name`.
  public let name: String
  public let gender: Gender
  /// 出生日期 `brdy`.
  public let birthDate: Day
  /// 参保地区划 `admdvs`.
  public let admdvs: String
  /// One row per insutype (310, 390, 510 …).
  public var insurances: [Insurance]
  public var identities: [IdentityRecord]
  public var qualifications: [Qualification]

  public init(
    number: String, certificateType: String, certificateNumber: String, name: String, gender: Gender,
    birthDate: Day, admdvs: String, insurances: [Insurance] = [], identities: [IdentityRecord] = [],
    qualifications: [Qualification] = []
  ) {
    self.number = number
    self.certificateType = certificateType
    self.certificateNumber = certificateNumber
    self.name = name
    self.gender = gender
    self.birthDate = birthDate
    self.admdvs = admdvs
    self.insurances = insurances
    self.identities = identities
    self.qualifications = qualifications
  }

  public func insurance(ofType insuranceType: String) -> Insurance? {
    insurances.first { $0.insuranceType == insuranceType }
  }

  /// The identity codes held on `day`.
  public func identityCodes(on day: Day) -> Set<String> {
    Set(identities.filter { $0.validity.contains(day) }.map(\.code))
  }
}

/// 性别 `gend`: 1 男, 2 女.
public enum Gender: String, Sendable, Hashable {
  case male = "1"
  case female = "2"
}

/// One insurance row of a person (险种): insutype 310, 390 or 510.
public struct Insurance: Sendable, Hashable {
  /// 险种类型 `insutype`.
  public let insuranceType: String
  /// 人员类别 `psn_type`.
  public let personType: String
  /// 参保日期 `psn_insu_date`.
  public let insuredSince: Day
  /// 连续缴费年限: complete consecutive contribution years.
  public let contributionYears: Int
  /// 个人账户余额 `acct_balc` as imported (the ledger moves it afterwards).
  public let accountBalance: Money

  public init(
    insuranceType: String, personType: String, insuredSince: Day, contributionYears: Int, accountBalance: Money
  ) {
    self.insuranceType = insuranceType
    self.personType = personType
    self.insuredSince = insuredSince
    self.contributionYears = contributionYears
    self.accountBalance = accountBalance
  }
}

/// A person's identity (人员身份) such as 低保对象, valid over a period.
public struct IdentityRecord: Sendable, Hashable {
  /// 人员身份类别 `psn_idet_type`.
  public let code: String
  public let validity: DateRange

  public init(code: String, validity: DateRange) {
    self.code = code
    self.validity = validity
  }
}

/// A 门慢特 qualification or a 两病 registration (资格认定).
public struct Qualification: Sendable, Hashable {
  /// 病种编码 `dise_codg` (M00500, I10 …).
  public let diseaseCode: String
  public let validity: DateRange
  /// The institution it is bound to; nil = any.
  public let institutionCode: String?
  /// 疗程号: one radiotherapy course per qualification.
  public let courseNumber: String?
  /// 胰岛素治疗 (两病 diabetes on insulin).
  public let usesInsulin: Bool

  public init(
    diseaseCode: String, validity: DateRange, institutionCode: String? = nil, courseNumber: String? = nil,
    usesInsulin: Bool = false
  ) {
    self.diseaseCode = diseaseCode
    self.validity = validity
    self.institutionCode = institutionCode
    self.courseNumber = courseNumber
    self.usesInsulin = usesInsulin
  }
}
