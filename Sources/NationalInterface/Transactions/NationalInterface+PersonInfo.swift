import Money
import Registry
import Settlement

/// 1101 人员信息获取.
extension NationalInterface {
  func personInfo(_ request: InterfaceRequest) async throws -> JSONValue {
    _ = try institution(of: request)
    let data = request.input.node("data")
    let certificateType = try data.required("mdtrt_cert_type")
    let person: Person?
    switch certificateType {
    case "02":
      let number = try data.string("mdtrt_cert_no") ?? data.required("certno")
      person = try await store.person(certificateNumber: number)
      guard person != nil else { throw InterfaceError.field("mdtrt_cert_no", number, "未找到该身份证号的参保人员") }
    case "01", "03":
      // The e-voucher token and the social-security card resolve to psn_no here.
      let number = try data.required("mdtrt_cert_no")
      person = try await store.person(number: number)
      guard person != nil else { throw InterfaceError.field("mdtrt_cert_no", number, "未找到该凭证对应的参保人员") }
    default:
      throw InterfaceError.field("mdtrt_cert_type", certificateType, "就诊凭证类型必须是01、02或03")
    }
    guard let person else { throw InterfaceError("未找到参保人员") }
    let day = try data.dateTime("begntime")?.day ?? today()
    let totals = try await store.accumulators(personNumber: person.number)
    let accountBalance =
      (person.insurance(ofType: engine.region.accountInsuranceType)?.accountBalance ?? .zero) + totals[.account]
    let baseinfo: JSONValue = [
      "psn_no": .string(person.number), "psn_cert_type": .string(person.certificateType),
      "certno": .string(person.certificateNumber), "psn_name": .string(person.name),
      "gend": .string(person.gender.rawValue), "naty": "01", "brdy": .string(person.birthDate.description),
      "age": .number(String(day.years(since: person.birthDate))), "exp_content": .null,
    ]
    let insuinfo = person.insurances.map { insurance -> JSONValue in
      [
        "balc": SettlementRendering.amount(
          insurance.insuranceType == engine.region.accountInsuranceType ? accountBalance : .zero),
        "insutype": .string(insurance.insuranceType), "psn_type": .string(insurance.personType),
        "psn_insu_stas": "1", "psn_insu_date": .string(insurance.insuredSince.description), "paus_insu_date": .null,
        "cvlserv_flag": "0", "insuplc_admdvs": .string(person.admdvs), "emp_name": .null,
      ]
    }
    let idetinfo = person.identities.map { identity -> JSONValue in
      [
        "psn_idet_type": .string(identity.code), "psn_type_lv": .null,
        "memo": .string(engine.region.identities[identity.code]?.name ?? ""),
        "begntime": .string("\(identity.validity.begin) 00:00:00"),
        "endtime": identity.validity.end.map { .string("\($0) 23:59:59") } ?? .null,
      ]
    }
    return ["baseinfo": baseinfo, "insuinfo": .array(insuinfo), "idetinfo": .array(idetinfo)]
  }
}
