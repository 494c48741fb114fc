import Registry

/// A registered visit (就诊): an outpatient registration (2201) or an admission (2401).
///
/// ```swift
/// let visit = Visit(id: "300000001", personNumber: psn, insuranceType: "390", institutionCode: "H37040200001",
///                   kind: .outpatient, medicalType: "11", begin: "2021-05-10 09:00:00")
/// ```
public struct Visit: Sendable, Hashable {
  /// 就诊ID `mdtrt_id`.
  public let id: String
  public let personNumber: String
  public var insuranceType: String
  public let institutionCode: String
  public let kind: Kind
  /// 医疗类别 `med_type` (2201 has none until 2203: "11").
  public var medicalType: String
  /// 开始时间 `begntime` as sent (`yyyy-MM-dd HH:mm:ss`).
  public var begin: String
  /// 出院时间 `endtime` (inpatient, from 2402).
  public var end: String?
  public var diseaseCode: String?
  public var diseaseName: String?
  public var maternityType: String?
  /// 住院号/门诊号 `ipt_otp_no`.
  public var number: String?
  public var status: Status

  public enum Kind: String, Sendable, Hashable {
    case outpatient
    case inpatient
  }

  /// `open` until cancelled (2202 / 2404); an inpatient visit is `discharged` by 2402.
  public enum Status: String, Sendable, Hashable {
    case open
    case discharged
    case cancelled
  }

  public init(
    id: String, personNumber: String, insuranceType: String, institutionCode: String, kind: Kind,
    medicalType: String, begin: String, end: String? = nil, diseaseCode: String? = nil, diseaseName: String? = nil,
    maternityType: String? = nil, number: String? = nil, status: Status = .open
  ) {
    self.id = id
    self.personNumber = personNumber
    self.insuranceType = insuranceType
    self.institutionCode = institutionCode
    self.kind = kind
    self.medicalType = medicalType
    self.begin = begin
    self.end = end
    self.diseaseCode = diseaseCode
    self.diseaseName = diseaseName
    self.maternityType = maternityType
    self.number = number
    self.status = status
  }

  /// The service date: the discharge date of an inpatient stay, else the visit date.
  public var serviceDate: Day? {
    try? Day(kind == .inpatient ? (end ?? begin) : begin)
  }
}
