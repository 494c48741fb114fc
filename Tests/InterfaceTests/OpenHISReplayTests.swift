import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Money
import NIOCore
import NationalInterface
import Server
import Settlement
import Testing

/// Replays the request shapes of a real HIS client, openhis (newtouch-cloud/openhis,
/// `WinServiceAPI/YiBaoInterface`), as recorded in `shared/reference/his-client/openhis-fields.json`:
/// every envelope key of that file sent (null for the unset ones), `infver` V1.08, the header
/// `apikey: 123456` and no `x-tif-*` headers, 2203 as "2203A", the ISO `begntime` of 2201, string
/// amounts in 2301 but numbers in 2204, 2303/2304 with a string `medfee_sumamt`, `dscgTime` and
/// `exp_content` null, 2302 `data` as an array, `diag_srt_no` and 2401/2402 `geso_val`/`fetts`/
/// `fetus_cnt` as strings. The answers are checked against what that client parses: every
/// output field it documents, `result`/`setldetail` arrays and `setl_id`.
@Suite struct OpenHISReplayTests {
  // MARK: The outpatient flow

  /// 王德胜 (390 resident 1501, identity 2102) at H37040200002 (level 2, in region) on 2021-11-24
  /// (V2021), med_type 11, lines sent as openhis's 2204 sends them (decimal numbers, whole values
  /// with ".0"):
  ///   1 阿莫西林 甲        9.80 × 2.0 = 19.60 → inscp 19.60
  ///   2 一般诊疗费 甲     10.0 × 1.0 = 10.0  → inscp 10.00
  /// medfee 29.60 = F 0 + O 0 + Pre 0 + I 29.60 (no special line: Iₙ 29.60).
  /// §4.1 390 level 2: deductible 0, ratio 50 %: hifp round(29.60 × 50%) = 14.80 (cap 300 left 300).
  /// §5.3: general outpatient 11 gets no assistance although 2102 is held. fund 14.80;
  /// personal 29.60 − 14.80 = 14.80, all cash (a resident has no account).
  @Test func outpatientFlowAsOpenHISSendsIt() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    var client = try OpenHISClient(center: center, institution: "H37040200002", name: "枣庄市市中区人民医院")
    let person = "37040000000000000002"
    let certificate = "370481195007012191"

    let signIn = try await client.signIn()
    try expectDocumentedOutput("9001", signIn)
    #expect(client.signNumber != nil)

    let info = try await client.succeed(
      "1101",
      input: [
        "data": [
          "mdtrt_cert_type": "02", "mdtrt_cert_no": .string(certificate), "card_sn": "",
          "begntime": "2021-11-24 18:09:00", "psn_cert_type": "01", "certno": "", "psn_name": "",
        ]
      ])
    try expectDocumentedOutput("1101", info)
    #expect(info["baseinfo"]["psn_no"] == .string(person))
    #expect(info["idetinfo"].elements.first?["psn_idet_type"] == "2102")

    let registration = try await client.succeed(
      "2201",
      input: [
        "data": [
          "psn_no": .string(person), "insutype": "390", "begntime": "2021-11-24T18:10:00", "mdtrt_cert_type": "02",
          "mdtrt_cert_no": .string(certificate), "ipt_otp_no": "MZ20211124001", "atddr_no": "D001",
          "dr_name": "李医生", "dept_code": "03", "dept_name": "内科", "caty": "A03",
        ]
      ])
    try expectDocumentedOutput("2201", registration)
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    #expect(try await center.store.visit(id: visit)?.begin == "2021-11-24 18:10:00", "the ISO begntime is read")

    _ = try await client.succeed(
      "2203A",
      input: [
        "mdtrtinfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(person), "med_type": "11", "begntime": "2021-11-24 18:10:00",
          "main_cond_dscr": nil, "dise_codg": "J06.900", "dise_name": "急性上呼吸道感染", "birctrl_type": nil,
          "birctrl_matn_date": nil, "matn_type": nil, "geso_val": .number("0"),
        ],
        "diseinfo": [openHISDiagnosis(person: person, code: "J06.900", name: "急性上呼吸道感染")],
      ])

    let upload = try await client.succeed(
      "2204",
      input: [
        "feedetail": [
          outpatientLine(
            "1", visit: visit, person: person, code: "XJ01CAH502A010343505254", price: "9.80", count: "2.0",
            amount: "19.60"),
          outpatientLine(
            "2", visit: visit, person: person, code: "001110000010100", price: "10.0", count: "1.0",
            amount: "10.0", expContent: [["er_flag": "0"]]),
        ]
      ])
    try expectDocumentedOutput("2204", upload)
    #expect(upload["result"].elements.map { $0["inscp_scp_amt"] } == [.number("19.60"), .number("10.00")])

    var settleData: [(String, JSONValue)] = [
      ("psn_no", .string(person)), ("mdtrt_cert_type", "02"), ("mdtrt_cert_no", .string(certificate)),
      ("med_type", "11"), ("medfee_sumamt", .number("29.60")), ("psn_setlway", "01"), ("mdtrt_id", .string(visit)),
      ("chrg_bchno", "B20211124001"), ("insutype", "390"), ("acct_used_flag", "0"),
    ]
    let preview = try await client.succeed("2206", input: ["data": .object(settleData)])
    #expect(preview["setlinfo"]["hifp_pay"] == .number("14.80"))

    // 2207 adds invono and the four amounts the HIS computed, as numbers; it is posted to the
    // per-transaction path of the spec's table, with the client's encrypted card password in cainfo.
    settleData += [
      ("invono", nil), ("fulamt_ownpay_amt", .number("0.0")), ("overlmt_selfpay", .number("0.0")),
      ("preselfpay_amt", .number("0.0")), ("inscp_scp_amt", .number("29.60")),
    ]
    let body = client.envelope("2207", input: ["data": .object(settleData)]).rendered()
    let answer = try await center.post(body, path: "/fsi/api/outpatientSettleService/saveSettletmentV2")
    #expect(answer["infcode"] == .number("0"), "\(answer["err_msg"])")
    let settled = answer["output"]
    try expectDocumentedOutput("2207", settled)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["setl_id"].text != nil)
    #expect(setlinfo["medfee_sumamt"] == .number("29.60"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.5000"))
    #expect(setlinfo["hifp_pay"] == .number("14.80"))
    #expect(setlinfo["maf_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("14.80"))
    #expect(setlinfo["psn_cash_pay"] == .number("14.80"))
    #expect(settled["setldetail"].elements.map { $0["fund_pay_type"] } == ["390100"])

    // A failed HIS write after 2207 makes openhis send 2208 at once with setlinfo.setl_id.
    let settlementID = try #require(setlinfo["setl_id"].text)
    let mirror = try await client.succeed(
      "2208",
      input: ["data": ["setl_id": .string(settlementID), "mdtrt_id": .string(visit), "psn_no": .string(person)]])
    #expect(mirror["setlinfo"]["hifp_pay"] == .number("-14.80"))
    #expect(try await center.counters(person).isEmpty)
  }

  // MARK: The inpatient flow

  /// 张丽娟 (390 resident 1501, cont_years 6, no identity) at H37040200002 (level 2, in region),
  /// admitted 2021-11-20, discharged 2021-11-24 (V2021), med_type 21. 2301 lines (string amounts):
  ///   1 普通病房床位费 甲   25.00 × 4 = 100.00 → inscp 100.00
  ///   2 阑尾切除术 甲      800.00 × 1 = 800.00 → inscp 800.00
  ///   3 人工晶体 乙10% 限价1200: 1500.00 × 1 = 1500.00 → overlmt (1500 − 1200) × 1 = 300.00,
  ///     pre round(1200.00 × 10%) = 120.00, inscp 1080.00
  ///   4 血细胞分析 甲       20.00 × 2 = 40.00, withdrawn by 2302 before settling.
  /// medfee 2400.00; F 0; O 300.00; Pre 120.00; I 1980.00; S 0; Iₙ 1980.00.
  /// §4.4 390 level 2: d = min(1980.00, 500) = 500.00, E = 1480.00; ratio 80 % + 2 pp (V2021,
  /// cont_years 6 ≥ 5) = 82 %: hifp round(1480.00 × 82%) = 1213.60 (cap 200,000 left).
  /// §5.1 大病 (ordinary, D 15,000): burden 1980.00 − 1213.60 = 766.40, (0, 0] above D → 0.
  /// No identity: no assistance. fund 1213.60; personal 2400.00 − 1213.60 = 1186.40, all cash.
  @Test func inpatientFlowAsOpenHISSendsIt() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    var client = try OpenHISClient(center: center, institution: "H37040200002", name: "枣庄市市中区人民医院")
    let person = "37040000000000000001"
    let certificate = "370402198503123681"
    _ = try await client.signIn()

    let admission = try await client.succeed(
      "2401",
      input: [
        "mdtrtinfo": [
          "psn_no": .string(person), "insutype": "390", "coner_name": nil, "tel": nil,
          "begntime": "2021-11-20 09:00:00", "mdtrt_cert_type": "02", "mdtrt_cert_no": .string(certificate),
          "med_type": "21", "ipt_no": "ZY20211120001", "medrcdno": nil, "atddr_no": "D002", "chfpdr_name": "王医生",
          "adm_diag_dscr": "阑尾炎", "adm_dept_codg": "04", "adm_dept_name": "外科", "adm_bed": "12",
          "dscg_maindiag_code": "K35.900", "dscg_maindiag_name": "急性阑尾炎", "main_cond_dscr": nil,
          "dise_codg": "K35.900", "dise_name": "急性阑尾炎", "oprn_oprt_code": nil, "oprn_oprt_name": nil,
          "fpsc_no": nil, "matn_type": nil, "birctrl_type": nil, "latechb_flag": nil, "geso_val": "0", "fetts": "0",
          "fetus_cnt": "0", "pret_flag": nil, "birctrl_matn_date": nil, "dise_type_code": nil, "exp_content": nil,
        ],
        "diseinfo": [openHISDiagnosis(person: person, code: "K35.900", name: "急性阑尾炎")],
      ])
    try expectDocumentedOutput("2401", admission)
    let visit = try #require(admission["result"]["mdtrt_id"].text)

    let upload = try await client.succeed(
      "2301",
      input: [
        "feedetail": [
          inpatientLine(
            "1", visit: visit, person: person, code: "001109000010100", price: "25.00", count: "4",
            amount: "100.00"),
          inpatientLine(
            "2", visit: visit, person: person, code: "003310030010100", price: "800.00", count: "1",
            amount: "800.00"),
          inpatientLine(
            "3", visit: visit, person: person, code: "C0601018630327135462", price: "1500.00", count: "1",
            amount: "1500.00"),
          inpatientLine(
            "4", visit: visit, person: person, code: "002501010150100", price: "20.00", count: "2",
            amount: "40.00"),
        ]
      ])
    try expectDocumentedOutput("2301", upload)
    let line3 = try #require(upload["result"].elements.first { $0["feedetl_sn"] == "3" })
    #expect(line3["overlmt_amt"] == .number("300.00"))
    #expect(line3["preselfpay_amt"] == .number("120.00"))
    #expect(line3["inscp_scp_amt"] == .number("1080.00"))

    _ = try await client.succeed(
      "2302",
      input: ["data": [["feedetl_sn": "4", "mdtrt_id": .string(visit), "psn_no": .string(person), "exp_content": nil]]])
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["1", "2", "3"])

    _ = try await client.succeed(
      "2402",
      input: [
        "dscginfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(person), "insutype": "390", "endtime": "2021-11-24 10:00:00",
          "dise_codg": "K35.900", "dise_name": "急性阑尾炎", "oprn_oprt_code": nil, "oprn_oprt_name": nil,
          "fpsc_no": nil, "matn_type": nil, "birctrl_type": nil, "latechb_flag": nil, "geso_val": "0", "fetts": "0",
          "fetus_cnt": "0", "pret_flag": nil, "birctrl_matn_date": nil, "cop_flag": nil, "dscg_dept_codg": "04",
          "dscg_dept_name": "外科", "dscg_bed": "12", "dscg_way": "1", "die_date": nil,
        ],
        "diseinfo": [openHISDiagnosis(person: person, code: "K35.900", name: "急性阑尾炎")],
      ])

    // openhis builds 2303 with the 2304 classes: medfee_sumamt a string, the four amounts
    // numbers, the camelCase dscgTime, exp_content null.
    let settleInput: JSONValue = [
      "data": [
        "psn_no": .string(person), "mdtrt_cert_type": "02", "mdtrt_cert_no": .string(certificate),
        "medfee_sumamt": "2400.00", "psn_setlway": "01", "mdtrt_id": .string(visit), "insutype": "390",
        "acct_used_flag": "0", "invono": nil, "mid_setl_flag": "0", "fulamt_ownpay_amt": .number("0.00"),
        "overlmt_selfpay": .number("300.00"), "preselfpay_amt": .number("120.00"),
        "inscp_scp_amt": .number("1980.00"), "dscgTime": "2021-11-24", "exp_content": nil,
      ]
    ]
    let preview = try await client.succeed("2303", input: settleInput)
    #expect(preview["setlinfo"]["hifp_pay"] == .number("1213.60"))

    let settled = try await client.succeed("2304", input: settleInput)
    try expectDocumentedOutput("2304", settled)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["medfee_sumamt"] == .number("2400.00"))
    #expect(setlinfo["overlmt_selfpay"] == .number("300.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("120.00"))
    #expect(setlinfo["inscp_scp_amt"] == .number("1980.00"))
    #expect(setlinfo["act_pay_dedc"] == .number("500.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.8200"))
    #expect(setlinfo["hifp_pay"] == .number("1213.60"))
    #expect(setlinfo["hifmi_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("1213.60"))
    #expect(setlinfo["psn_cash_pay"] == .number("1186.40"))
    #expect(settled["setldetail"].elements.map { $0["fund_payamt"] } == [.number("1213.60")])

    let settlementID = try #require(setlinfo["setl_id"].text)
    let mirror = try await client.succeed(
      "2305",
      input: [
        "data": [
          "mdtrt_id": .string(visit), "setl_id": .string(settlementID), "psn_no": .string(person), "exp_content": nil,
        ]
      ])
    #expect(mirror["setlinfo"]["fund_pay_sumamt"] == .number("-1213.60"))
    #expect(mirror["setldetail"].elements.count == 1)
  }

  // MARK: Details of the shapes

  /// openhis's 2204 result class types `det_item_fee_sumamt, cnt, pric, pric_uplmt_amt,
  /// selfpay_prop, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt` as non-nullable
  /// decimals (a JSON null makes Newtonsoft throw and the upload is lost); the brief asks the same
  /// of 2301. A line without a price cap (阿莫西林, 血细胞分析) must still answer a number in every
  /// one of them.
  @Test
  func resultDecimalsAreNeverNull() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    var client = try OpenHISClient(center: center, institution: "H37040200002", name: "枣庄市市中区人民医院")
    let person = "37040000000000000001"
    _ = try await client.signIn()
    let registration = try await client.succeed(
      "2201", input: ["data": ["psn_no": .string(person), "insutype": "390", "begntime": "2021-11-24T18:10:00"]])
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    let outpatient = try await client.succeed(
      "2204",
      input: [
        "feedetail": [
          outpatientLine(
            "1", visit: visit, person: person, code: "XJ01CAH502A010343505254", price: "9.80", count: "1.0",
            amount: "9.80")
        ]
      ])
    let admission = try await client.succeed(
      "2401",
      input: [
        "mdtrtinfo": [
          "psn_no": .string(person), "insutype": "390", "begntime": "2021-11-20 09:00:00", "med_type": "21",
          "geso_val": "0", "fetts": "0", "fetus_cnt": "0", "exp_content": nil,
        ]
      ])
    let stay = try #require(admission["result"]["mdtrt_id"].text)
    let inpatient = try await client.succeed(
      "2301",
      input: [
        "feedetail": [
          inpatientLine(
            "1", visit: stay, person: person, code: "002501010150100", price: "20.00", count: "1", amount: "20.00")
        ]
      ])
    let decimals = try #require(
      openHISSpec["transactions"]["2204"]["client_output_constraints"].elements.compactMap(\.text).first {
        $0.contains("non-nullable decimal")
      })
    let names = [
      "det_item_fee_sumamt", "cnt", "pric", "pric_uplmt_amt", "selfpay_prop", "fulamt_ownpay_amt",
      "overlmt_amt", "preselfpay_amt", "inscp_scp_amt",
    ]
    for name in names { #expect(decimals.contains(name), "the constraint lists \(name)") }
    for (code, output) in [("2204", outpatient), ("2301", inpatient)] {
      let rows = output["result"].elements
      #expect(!rows.isEmpty)
      for row in rows {
        for name in names {
          guard case .number = row[name] else {
            Issue.record(
              "\(code) result[\(row["feedetl_sn"].text ?? "")].\(name) is \(row[name].renderedText), not a number")
            continue
          }
        }
      }
    }
  }

  /// Newtonsoft writes a `DateTime` of kind Local with its offset (`2021-11-24T18:10:00+08:00`):
  /// the registration is still on 2021-11-24 at 18:10.
  @Test func isoBeginTimeWithAnOffsetIsRead() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    var client = try OpenHISClient(center: center, institution: "H37040200002", name: "枣庄市市中区人民医院")
    _ = try await client.signIn()
    let registration = try await client.succeed(
      "2201",
      input: ["data": ["psn_no": "37040000000000000001", "insutype": "390", "begntime": "2021-11-24T18:10:00+08:00"]])
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    #expect(try await center.store.visit(id: visit)?.begin == "2021-11-24 18:10:00")
  }

  /// The envelope built from the JSON file carries exactly the client's keys, in its order,
  /// with no enc_type / serv_code / serv_sign, and the center accepts it with the apikey header.
  @Test func envelopeCarriesEveryKeyOfTheClient() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    var client = try OpenHISClient(center: center, institution: "H37040200001", name: "枣庄市立医院")
    let envelope = client.envelope("9001", input: ["signIn": ["opter_no": "001", "mac": "00", "ip": "127.0.0.1"]])
    let documented = openHISSpec["envelope"]["input"].elements.compactMap { $0["name"].text }
    #expect(envelope.members.map(\.0) == documented)
    #expect(!documented.contains("enc_type") && !documented.contains("serv_code"))
    #expect(envelope["sign_no"] == .null && envelope["dev_no"] == .null && envelope["infver"] == "V1.08")
    let answer = try await client.post(envelope.rendered())
    #expect(answer["infcode"] == .number("0"), "\(answer["err_msg"])")
    let expected = openHISSpec["envelope"]["output"].elements.compactMap { $0["name"].text }
    for name in expected { #expect(answer.members.contains { $0.0 == name }, "answer root lacks \(name)") }
  }
}

// MARK: - The client

/// `shared/reference/his-client/openhis-fields.json`, found from this file: the repository
/// root is three folders up, and `shared` sits next to it.
private let openHISSpec: JSONValue = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let file = root.deletingLastPathComponent().appendingPathComponent("shared/reference/his-client/openhis-fields.json")
  guard let data = try? Data(contentsOf: file), let value = try? JSONValue.parse([UInt8](data)) else { return .null }
  return value
}()

/// What ClassHelper.cs does: one POST per call with `apikey: 123456`, the envelope with every
/// key, `sign_no` from the automatic 9001 reused afterwards.
private struct OpenHISClient {
  let center: TestCenter
  let institution: String
  let name: String
  var signNumber: String?
  var sequence = 0

  init(center: TestCenter, institution: String, name: String) throws {
    guard !openHISSpec.isNull else { throw OpenHISSpecMissing() }
    self.center = center
    self.institution = institution
    self.name = name
  }

  /// The root as the client serialises it: the keys of `envelope.input`, in order, null when unset.
  mutating func envelope(_ infno: String, input: JSONValue) -> JSONValue {
    sequence += 1
    let personless = ["9001", "1101"].contains(infno)
    let values: [String: JSONValue] = [
      "infno": .string(infno), "msgid": .string(institution + "20211124181000" + String(format: "%04d", sequence)),
      "mdtrtarea_admvs": "370402", "insuplc_admdvs": personless ? "" : "370400", "recer_sys_code": "YBXT",
      // RSA of the hard-coded card password, only for 2207 / 2304 / 2102.
      "cainfo": ["2207", "2304", "2102"].contains(infno) ? "bW9jay1yc2EtY2FyZC1wYXNzd29yZA==" : "",
      "signtype": "", "infver": "V1.08", "opter_type": "1", "opter": "001", "opter_name": "收费员",
      "inf_time": "2021-11-24 18:10:00", "fixmedins_code": .string(institution), "fixmedins_name": .string(name),
      "sign_no": signNumber.map(JSONValue.string) ?? .null, "input": input,
    ]
    let keys = openHISSpec["envelope"]["input"].elements.compactMap { $0["name"].text }
    return .object(keys.map { ($0, values[$0] ?? .null) })
  }

  func post(_ body: [UInt8], path: String = "/fsi/api/rsfComIfsService/callService") async throws -> JSONValue {
    let app = Application(router: InterfaceRoutes.router(interface: center.interface))
    return try await app.test(.router) { client in
      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      headers[HTTPField.Name("apikey")!] = "123456"
      return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body)) {
        response in
        #expect(response.status == .ok)
        return try JSONValue.parse(Array(response.body.readableBytesView))
      }
    }
  }

  /// The automatic 9001 (`insuplc_admdvs` "", `sign_no` null); keeps `sign_no`.
  mutating func signIn() async throws -> JSONValue {
    let output = try await succeed(
      "9001", input: ["signIn": ["opter_no": "001", "mac": "00-16-3E-00-00-01", "ip": "10.0.0.8"]])
    signNumber = output["signinoutb"]["sign_no"].text
    return output
  }

  mutating func succeed(_ infno: String, input: JSONValue, sourceLocation: SourceLocation = #_sourceLocation)
    async throws -> JSONValue
  {
    let answer = try await post(envelope(infno, input: input).rendered())
    #expect(answer["infcode"] == .number("0"), "\(infno): \(answer["err_msg"])", sourceLocation: sourceLocation)
    return answer["output"]
  }
}

private struct OpenHISSpecMissing: Error, CustomStringConvertible {
  var description: String { "shared/reference/his-client/openhis-fields.json was not found or did not parse" }
}

/// Every output field openhis documents for `code` is present (null allowed), object nodes
/// are objects and array nodes non-empty arrays. `expContent` is the client class's misspelling
/// of `exp_content` (README: "Output_1101.baseinfo.expContent should be exp_content").
private func expectDocumentedOutput(
  _ code: String, _ output: JSONValue, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let transaction = openHISSpec["transactions"][code]
  let nodes = transaction["output"].members
  try #require(!nodes.isEmpty, "\(code) documents no output", sourceLocation: sourceLocation)
  for (node, fields) in nodes {
    let names = fields.elements.compactMap { $0["name"].text }.map { $0 == "expContent" ? "exp_content" : $0 }
    let shape = transaction["output_shapes"][node].text ?? "object"
    let value = output[node]
    let rows: [JSONValue]
    if shape.hasPrefix("array") {
      guard case .array(let elements) = value else {
        Issue.record("\(code) output.\(node) is not an array: \(value.renderedText)", sourceLocation: sourceLocation)
        continue
      }
      #expect(!elements.isEmpty, "\(code) output.\(node) is empty", sourceLocation: sourceLocation)
      rows = elements
    } else {
      guard case .object = value else {
        Issue.record("\(code) output.\(node) is not an object: \(value.renderedText)", sourceLocation: sourceLocation)
        continue
      }
      rows = [value]
    }
    for (index, row) in rows.enumerated() {
      let present = Set(row.members.map(\.0))
      let missing = names.filter { !present.contains($0) }
      #expect(missing.isEmpty, "\(code) output.\(node)[\(index)] lacks \(missing)", sourceLocation: sourceLocation)
    }
  }
}

// MARK: - Request pieces as openhis fills them

/// A `diseinfo` row: null members omitted, `diag_srt_no` a string.
private func openHISDiagnosis(person: String, code: String, name: String) -> JSONValue {
  [
    "psn_no": .string(person), "diag_type": "1", "maindiag_flag": "1", "diag_srt_no": "1", "diag_code": .string(code),
    "diag_name": .string(name), "diag_dept": "内科", "dise_dor_no": "D001", "dise_dor_name": "李医生",
    "diag_time": "2021-11-24 18:12:00", "vali_flag": "1",
  ]
}

/// A 2204 `feedetail` row: decimals as JSON numbers, unset strings null, `exp_content` omitted
/// when null (an array of {er_flag} otherwise).
private func outpatientLine(
  _ serial: String, visit: String, person: String, code: String, price: String, count: String, amount: String,
  expContent: JSONValue? = nil
) -> JSONValue {
  var members: [(String, JSONValue)] = [
    ("feedetl_sn", .string(serial)), ("mdtrt_id", .string(visit)), ("psn_no", .string(person)),
    ("chrg_bchno", "B20211124001"), ("dise_codg", nil), ("rxno", nil), ("rx_circ_flag", "0"),
    ("fee_ocur_time", "2021-11-24 18:20:00"), ("med_list_codg", .string(code)),
    ("medins_list_codg", .string("H-" + code)),
    ("det_item_fee_sumamt", .number(amount)), ("cnt", .number(count)), ("pric", .number(price)),
    ("sin_dos_dscr", nil), ("used_frqu_dscr", nil), ("prd_days", .number("0.0")), ("medc_way_dscr", nil),
    ("bilg_dept_codg", "03"), ("bilg_dept_name", "内科"), ("bilg_dr_codg", "D001"), ("bilg_dr_name", "李医生"),
    ("acord_dept_codg", nil), ("acord_dept_name", nil), ("orders_dr_code", nil), ("orders_dr_name", nil),
    ("hosp_appr_flag", "1"), ("tcmdrug_used_way", nil), ("etip_flag", nil), ("etip_hosp_code", nil),
    ("dscg_tkdrug_flag", nil), ("matn_fee_flag", nil),
  ]
  if let expContent { members.append(("exp_content", expContent)) }
  return .object(members)
}

/// A 2301 `feedetail` row: every field a C# string, so the amounts are JSON strings.
private func inpatientLine(
  _ serial: String, visit: String, person: String, code: String, price: String, count: String, amount: String
) -> JSONValue {
  [
    "feedetl_sn": .string(serial), "init_feedetl_sn": nil, "mdtrt_id": .string(visit), "drord_no": "YZ001",
    "psn_no": .string(person), "med_type": "21", "fee_ocur_time": "2021-11-21 08:00:00", "med_list_codg": .string(code),
    "medins_list_codg": .string("H-" + code), "det_item_fee_sumamt": .string(amount), "cnt": .string(count),
    "pric": .string(price), "bilg_dept_codg": "04", "bilg_dept_name": "外科", "bilg_dr_codg": "D002",
    "bilg_dr_name": "王医生", "acord_dept_codg": nil, "acord_dept_name": nil, "orders_dr_code": nil,
    "orders_dr_name": nil, "hosp_appr_flag": "1", "tcmdrug_used_way": nil, "etip_flag": nil, "etip_hosp_code": nil,
    "dscg_tkdrug_flag": nil, "matn_fee_flag": nil, "memo": nil,
  ]
}
