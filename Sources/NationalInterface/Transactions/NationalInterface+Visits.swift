import Registry
import Store

/// 2201/2202/2203 门诊挂号、撤销、就诊信息上传; 2401/2402/2404/2405 入院、出院及其撤销.
extension NationalInterface {
  static let medicalTypes: Set<String> = ["11", "12", "13", "14", "19", "21", "22", "23", "24", "41", "51", "52", "53"]
  static let maternityTypes: Set<String> = ["1", "2", "3", "7"]

  func registerOutpatient(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    guard institution.kind == .hospital else {
      throw InterfaceError.field("fixmedins_code", institution.code, "定点药店不办理门诊挂号，请使用2101/2102")
    }
    let data = request.input.node("data")
    let (person, insuranceType) = try await insuredPerson(data)
    guard let begin = try data.dateTime("begntime") else { throw InterfaceError("缺少必填字段 input.data.begntime") }
    let visit = Visit(
      id: store.nextVisitID(), personNumber: person.number, insuranceType: insuranceType,
      institutionCode: institution.code, kind: .outpatient, medicalType: "11", begin: begin.text,
      number: data.string("ipt_otp_no"))
    try await store.insertVisit(visit, messageID: request.messageID)
    return [
      "data": [
        "mdtrt_id": .string(visit.id), "psn_no": .string(person.number),
        "ipt_otp_no": visit.number.map(JSONValue.string) ?? .null,
      ]
    ]
  }

  func cancelRegistration(_ request: InterfaceRequest) async throws -> JSONValue {
    try await cancelVisit(try await openVisit(request, node: request.input.node("data"), kind: .outpatient))
    return [:]
  }

  /// Cancels a visit that has no active settlement (2202, 2404, 冲正 of a 2401), withdrawing
  /// its unsettled lines.
  func cancelVisit(_ visit: Visit) async throws {
    try await store.deleteUnsettledFeeLines(visitID: visit.id, batch: nil)
    // Checked inside the withdrawal's transaction, where no settlement can slip in any more.
    try await requireNoActiveSettlement(visit)
    var cancelled = visit
    cancelled.status = .cancelled
    try await store.updateVisit(cancelled, from: visit)
  }

  func uploadOutpatientVisit(_ request: InterfaceRequest) async throws -> JSONValue {
    let info = request.input.node("mdtrtinfo")
    var visit = try await openVisit(request, node: info, kind: .outpatient)
    let original = visit
    if let medicalType = try info.code("med_type", in: Self.medicalTypes) { visit.medicalType = medicalType }
    if let begin = try info.dateTime("begntime") { visit.begin = begin.text }
    visit.diseaseCode = info.string("dise_codg") ?? visit.diseaseCode
    visit.diseaseName = info.string("dise_name") ?? visit.diseaseName
    visit.maternityType = try info.code("matn_type", in: Self.maternityTypes) ?? visit.maternityType
    try await store.updateVisit(visit, from: original)
    return [:]
  }

  func admit(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    guard institution.kind == .hospital else {
      throw InterfaceError.field("fixmedins_code", institution.code, "定点药店不能办理入院")
    }
    let info = request.input.node("mdtrtinfo")
    let (person, insuranceType) = try await insuredPerson(info)
    guard let begin = try info.dateTime("begntime") else { throw InterfaceError("缺少必填字段 input.mdtrtinfo.begntime") }
    guard let medicalType = try info.code("med_type", in: Self.medicalTypes) else {
      throw InterfaceError("缺少必填字段 input.mdtrtinfo.med_type")
    }
    let visit = Visit(
      id: store.nextVisitID(), personNumber: person.number, insuranceType: insuranceType,
      institutionCode: institution.code, kind: .inpatient, medicalType: medicalType, begin: begin.text,
      diseaseCode: info.string("dise_codg") ?? info.string("dscg_maindiag_code"),
      diseaseName: info.string("dise_name") ?? info.string("dscg_maindiag_name"),
      maternityType: try info.code("matn_type", in: Self.maternityTypes), number: info.string("ipt_no"))
    try await store.insertVisit(visit, messageID: request.messageID)
    return ["result": ["mdtrt_id": .string(visit.id)]]
  }

  func discharge(_ request: InterfaceRequest) async throws -> JSONValue {
    let info = request.input.node("dscginfo")
    var visit = try await openVisit(request, node: info, kind: .inpatient)
    let original = visit
    guard let end = try info.dateTime("endtime") ?? info.dateTime("dscgTime") else {
      throw InterfaceError("缺少必填字段 input.dscginfo.endtime")
    }
    guard let begin = try? Day(visit.begin), begin <= end.day else {
      throw InterfaceError.field("endtime", end.text, "出院时间早于入院时间\(visit.begin)")
    }
    visit.end = end.text
    visit.diseaseCode = info.string("dise_codg") ?? visit.diseaseCode
    visit.diseaseName = info.string("dise_name") ?? visit.diseaseName
    visit.maternityType = try info.code("matn_type", in: Self.maternityTypes) ?? visit.maternityType
    visit.status = .discharged
    try await store.updateVisit(visit, from: original)
    return [:]
  }

  func cancelAdmission(_ request: InterfaceRequest) async throws -> JSONValue {
    try await cancelVisit(try await openVisit(request, node: request.input.node("data"), kind: .inpatient))
    return [:]
  }

  func cancelDischarge(_ request: InterfaceRequest) async throws -> JSONValue {
    var visit = try await openVisit(request, node: request.input.node("data"), kind: .inpatient)
    let original = visit
    guard visit.status == .discharged else {
      throw InterfaceError.field("mdtrt_id", visit.id, "该住院尚未办理出院")
    }
    try await requireNoActiveSettlement(visit)
    visit.end = nil
    visit.status = .open
    try await store.updateVisit(visit, from: original)
    return [:]
  }

  /// The person of `psn_no` and the insutype asked for, which the person must hold.
  func insuredPerson(_ node: InputNode) async throws -> (Person, String) {
    let number = try node.required("psn_no")
    guard let person = try await store.person(number: number) else {
      throw InterfaceError.field("psn_no", number, "参保人员不存在")
    }
    let insuranceType = try node.required("insutype")
    guard person.insurance(ofType: insuranceType) != nil else {
      throw InterfaceError.field("insutype", insuranceType, "人员\(number)未参加该险种")
    }
    return (person, insuranceType)
  }

  /// The visit of `mdtrt_id`, which must be this institution's, of this kind and not cancelled.
  func openVisit(_ request: InterfaceRequest, node: InputNode, kind: Visit.Kind) async throws -> Visit {
    let institution = try institution(of: request)
    let id = try node.required("mdtrt_id")
    guard let visit = try await store.visit(id: id) else { throw InterfaceError.field("mdtrt_id", id, "就诊信息不存在") }
    guard visit.institutionCode == institution.code else {
      throw InterfaceError.field("mdtrt_id", id, "该就诊属于其他定点医药机构，不能由\(institution.code)办理")
    }
    if let person = node.string("psn_no"), person != visit.personNumber {
      throw InterfaceError.field("psn_no", person, "与就诊\(id)的参保人员不一致")
    }
    guard visit.kind == kind else {
      throw InterfaceError.field("mdtrt_id", id, kind == .inpatient ? "不是住院就诊" : "不是门诊就诊")
    }
    guard visit.status != .cancelled else { throw InterfaceError.field("mdtrt_id", id, "该就诊已撤销") }
    return visit
  }

  func requireNoActiveSettlement(_ visit: Visit) async throws {
    let active = try await store.settlements(visitID: visit.id).filter { $0.cancels == nil && $0.cancelledBy == nil }
    if let settled = active.first {
      throw InterfaceError.field("mdtrt_id", visit.id, "已有结算\(settled.id)，请先撤销结算")
    }
  }
}
