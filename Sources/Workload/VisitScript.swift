import Foundation
import Money
import NationalInterface

/// A person a simulated client brings to the counter.
public struct Patient: Sendable {
  public let number: String
  public let certificateNumber: String
  public let insuranceType: String

  public init(number: String, certificateNumber: String, insuranceType: String) {
    self.number = number
    self.certificateNumber = certificateNumber
    self.insuranceType = insuranceType
  }
}

/// A catalogue item with the price a hospital charges for it.
public struct ChargeItem: Sendable {
  public let code: String
  public let price: String

  public init(_ code: String, _ price: String) {
    self.code = code
    self.price = price
  }
}

/// What one scripted visit ended with.
public struct VisitOutcome: Sendable {
  public let visitID: String
  /// The 2207 / 2304 `setlinfo`.
  public let settlement: JSONValue
  /// The time the settlement call took.
  public let settleLatency: Duration
}

/// Whole visits as a HIS sends them.
public enum VisitScript {
  /// Ten everyday outpatient lines of the demo catalogue (all valid in 2021).
  public static let outpatientItems: [ChargeItem] = [
    ChargeItem("XJ01CAH502A010343505254", "9.80"), ChargeItem("XC10AAM023A001523859692", "26.40"),
    ChargeItem("001110000010100", "10.00"), ChargeItem("002501010150100", "20.00"),
    ChargeItem("001201000030100", "25.00"), ChargeItem("XJ01CAH502A010343505254", "9.80"),
    ChargeItem("XC10AAM023A001523859692", "26.40"), ChargeItem("002501010150100", "20.00"),
    ChargeItem("001110000010100", "10.00"), ChargeItem("001201000030100", "25.00"),
  ]

  /// Everyday inpatient lines (bed, nursing, lab, surgery, drugs), repeated to the count asked.
  public static let inpatientItems: [ChargeItem] = [
    ChargeItem("001109000010100", "50.00"), ChargeItem("001201000030100", "25.00"),
    ChargeItem("002501010150100", "20.00"), ChargeItem("XJ01CAH502A010343505254", "9.80"),
    ChargeItem("XC10AAM023A001523859692", "26.40"), ChargeItem("003310030010100", "800.00"),
  ]

  /// 1101 → 2201 → 2203 → 2204 (the lines) → 2207.
  public static func outpatient(
    _ his: HISClient, patient: Patient, date: String = "2021-05-10", lines: [ChargeItem] = outpatientItems,
    useAccount: Bool = false
  ) async throws -> VisitOutcome {
    try await his.send(
      "1101", ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": .string(patient.certificateNumber)]])
    let registration = try await his.call(
      "2201",
      [
        "data": [
          "psn_no": .string(patient.number), "insutype": .string(patient.insuranceType),
          "begntime": .string("\(date) 09:00:00"), "mdtrt_cert_type": "02",
          "mdtrt_cert_no": .string(patient.certificateNumber), "ipt_otp_no": "MZ", "dept_code": "03", "dept_name": "内科",
        ]
      ])
    guard let visit = registration["data"]["mdtrt_id"].text else { throw WorkloadError("2201", "no mdtrt_id") }
    try await his.send(
      "2203",
      [
        "mdtrtinfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(patient.number), "med_type": "11",
          "begntime": .string("\(date) 09:00:00"), "dise_codg": "J06.900", "dise_name": "急性上呼吸道感染",
        ],
        "diseinfo": [["diag_type": "1", "diag_srt_no": "1", "diag_code": "J06.900", "diag_name": "急性上呼吸道感染"]],
      ])
    let total = try await upload("2204", his, visit: visit, patient: patient, lines: lines, asStrings: false)
    let start = ContinuousClock.now
    let settled = try await his.call(
      "2207",
      [
        "data": [
          "psn_no": .string(patient.number), "mdtrt_cert_type": "02",
          "mdtrt_cert_no": .string(patient.certificateNumber), "med_type": "11", "medfee_sumamt": .number(total),
          "psn_setlway": "01", "mdtrt_id": .string(visit), "insutype": .string(patient.insuranceType),
          "acct_used_flag": useAccount ? "1" : "0",
        ]
      ])
    return VisitOutcome(visitID: visit, settlement: settled["setlinfo"], settleLatency: ContinuousClock.now - start)
  }

  /// 2401 → 2301 (the lines, amounts as strings) → 2402 → 2304.
  public static func inpatient(
    _ his: HISClient, patient: Patient, admission: String = "2021-03-01", discharge: String = "2021-03-10",
    lineCount: Int = 60
  ) async throws -> VisitOutcome {
    let admitted = try await his.call(
      "2401",
      [
        "mdtrtinfo": [
          "psn_no": .string(patient.number), "insutype": .string(patient.insuranceType),
          "begntime": .string("\(admission) 10:00:00"), "mdtrt_cert_type": "02",
          "mdtrt_cert_no": .string(patient.certificateNumber), "med_type": "21", "ipt_no": "ZY",
          "dise_codg": "K35.900", "dise_name": "急性阑尾炎",
        ],
        "diseinfo": [],
      ])
    guard let visit = admitted["result"]["mdtrt_id"].text else { throw WorkloadError("2401", "no mdtrt_id") }
    let lines = (0..<lineCount).map { inpatientItems[$0 % inpatientItems.count] }
    let total = try await upload("2301", his, visit: visit, patient: patient, lines: lines, asStrings: true)
    try await his.send(
      "2402",
      [
        "dscginfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(patient.number), "insutype": .string(patient.insuranceType),
          "endtime": .string("\(discharge) 09:00:00"), "dscg_way": "1",
        ]
      ])
    let start = ContinuousClock.now
    let settled = try await his.call(
      "2304",
      [
        "data": [
          "psn_no": .string(patient.number), "mdtrt_id": .string(visit), "medfee_sumamt": .string(total),
          "psn_setlway": "01", "insutype": .string(patient.insuranceType), "acct_used_flag": "0", "mid_setl_flag": "0",
        ]
      ])
    return VisitOutcome(visitID: visit, settlement: settled["setlinfo"], settleLatency: ContinuousClock.now - start)
  }

  /// Uploads the lines (count 1 each) and answers their total.
  static func upload(
    _ infno: String, _ his: HISClient, visit: String, patient: Patient, lines: [ChargeItem], asStrings: Bool
  ) async throws -> String {
    var total = Money.zero
    let rows: [JSONValue] = try lines.enumerated().map { index, item in
      total += try Money(yuan: item.price)
      let number: (String) -> JSONValue = { asStrings ? .string($0) : .number($0) }
      return [
        "feedetl_sn": .string(String(index + 1)), "mdtrt_id": .string(visit), "psn_no": .string(patient.number),
        "chrg_bchno": "1", "fee_ocur_time": "2021-03-05 08:00:00", "med_list_codg": .string(item.code),
        "medins_list_codg": .string("H" + item.code), "det_item_fee_sumamt": number(item.price), "cnt": number("1"),
        "pric": number(item.price), "hosp_appr_flag": "1",
      ]
    }
    try await his.send(infno, ["feedetail": .array(rows)])
    return total.description
  }
}
