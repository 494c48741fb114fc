import Money
import Registry

/// A region's (统筹区) whole policy: what holds across versions, and the versions.
///
/// ```swift
/// let region = try PolicyLoader.load(files)
/// let version = region.version(on: try Day("2020-08-01"))?.id  // "V2020B"
/// ```
public struct RegionPolicy: Sendable {
  public let code: String
  public let name: String
  /// An institution whose admdvs starts with this is in region.
  public let inRegionPrefix: String
  /// `psn_type` → person class (`in_service`, `retired`, `resident`).
  public let personClasses: [String: String]
  /// The basic fund of each insutype (310 → 310100 …).
  public let basicFunds: [String: String]
  public let fundNames: [String: String]
  public let identities: [String: IdentityDefinition]
  /// The insutype whose row holds the personal account (个人账户), `account_insutype`.
  public let accountInsuranceType: String
  /// The insutype of maternity insurance (生育保险), `maternity_insutype`.
  public let maternityInsuranceType: String
  /// Sorted by begin date.
  public let versions: [PolicyVersion]

  public init(header: RegionHeader, versions: [PolicyVersion]) {
    code = header.region
    name = header.name
    inRegionPrefix = header.inRegionPrefix
    var classes: [String: String] = [:]
    for (personClass, types) in header.personClasses {
      for type in types { classes[type] = personClass }
    }
    personClasses = classes
    basicFunds = header.basicFunds
    fundNames = header.fundNames
    identities = header.identities
    accountInsuranceType = header.accountInsuranceType
    maternityInsuranceType = header.maternityInsuranceType
    self.versions = versions.sorted { $0.validity.begin < $1.validity.begin }
  }

  /// The version in force on the service date.
  public func version(on day: Day) -> PolicyVersion? {
    versions.last { $0.validity.contains(day) }
  }

  public func isInRegion(admdvs: String) -> Bool { admdvs.hasPrefix(inRegionPrefix) }
}

/// An identity of the region (§1): poor or not, and its assistance ratio.
public struct IdentityDefinition: Sendable, Decodable {
  public let name: String
  public let poor: Bool
  /// 医疗救助比例; nil = no assistance in settlement.
  public let assistance: Ratio?

  enum CodingKeys: String, CodingKey, CaseIterable { case name, poor, assistance }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    poor = try c.decodeIfPresent(Bool.self, forKey: .poor) ?? false
    assistance = try c.decodeTextIfPresent(.assistance) { try Ratio($0) }
  }
}

/// The region file (`region.yaml`): what does not change between versions.
public struct RegionHeader: Sendable, Decodable {
  public let region: String
  public let name: String
  public let inRegionPrefix: String
  public let personClasses: [String: [String]]
  public let basicFunds: [String: String]
  public let fundNames: [String: String]
  public let identities: [String: IdentityDefinition]
  public let accountInsuranceType: String
  public let maternityInsuranceType: String

  enum CodingKeys: String, CodingKey, CaseIterable {
    case region, name, identities
    case inRegionPrefix = "in_region_prefix"
    case accountInsuranceType = "account_insutype"
    case maternityInsuranceType = "maternity_insutype"
    case personClasses = "person_classes"
    case basicFunds = "basic_funds"
    case fundNames = "fund_names"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    region = try c.decode(String.self, forKey: .region)
    name = try c.decode(String.self, forKey: .name)
    inRegionPrefix = try c.decode(String.self, forKey: .inRegionPrefix)
    personClasses = try c.decode([String: [String]].self, forKey: .personClasses)
    basicFunds = try c.decode([String: String].self, forKey: .basicFunds)
    fundNames = try c.decode([String: String].self, forKey: .fundNames)
    identities = try c.decode([String: IdentityDefinition].self, forKey: .identities)
    accountInsuranceType = try c.decode(String.self, forKey: .accountInsuranceType)
    maternityInsuranceType = try c.decode(String.self, forKey: .maternityInsuranceType)
  }
}
