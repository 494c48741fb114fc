/// What a settlement knows about the person, the institution and the visit on the
/// service date: the vocabulary that policy ``Condition``s test.
///
/// ```swift
/// var facts = Facts(insuranceType: "390", personClass: "resident", personType: "1501", medicalType: "21")
/// facts.hospitalLevel = 2
/// ```
public struct Facts: Sendable, Hashable {
  /// 险种 the settlement runs under (510 for maternity of a person with a 510 row).
  public var insuranceType: String
  /// The region's person class of `psn_type`: `in_service`, `retired`, `resident`.
  public var personClass: String
  public var personType: String
  public var medicalType: String
  public var hospitalLevel: Int?
  /// `H` or `P`.
  public var institutionType: String?
  public var inRegion: Bool = true
  /// Holds a poor-population identity on the service date.
  public var poor: Bool = false
  public var settlementWay: String = "01"
  public var dialysisPartner: Bool = false
  public var contributionYears: Int = 0
  public var gender: String?
  public var maternityType: String?
  /// 两病 diseases registered on the service date (I10, E11).
  public var registered: Set<String> = []
  public var insulin: Bool = false
  /// The person has a 510 生育保险 row.
  public var maternityRow: Bool = false

  public init(insuranceType: String, personClass: String, personType: String, medicalType: String) {
    self.insuranceType = insuranceType
    self.personClass = personClass
    self.personType = personType
    self.medicalType = medicalType
  }

  /// "med_type=14, insutype=310, …": how an error names the combination.
  public var summary: String {
    var parts = ["med_type=\(medicalType)", "insutype=\(insuranceType)", "psn_type=\(personType)"]
    if let hospitalLevel { parts.append("hosp_lv=\(hospitalLevel)") }
    if let institutionType { parts.append("fixmedins_type=\(institutionType)") }
    if let gender { parts.append("gend=\(gender)") }
    if let maternityType { parts.append("matn_type=\(maternityType)") }
    return parts.joined(separator: ", ")
  }
}
