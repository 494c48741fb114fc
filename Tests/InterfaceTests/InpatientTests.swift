import Money
import NationalInterface
import Settlement
import Testing

/// A whole inpatient stay through the HTTP interface: 2401 → 2301 (string amounts, as
/// real clients send) → 2402 → 2303 → 2304 → 2305.
@Suite struct InpatientTests {
  /// 王德胜 (390 resident 1501, cont_years 3, 2102 低保 → poor, assistance 70 %) at
  /// H37040200001 (level 3, in region), 2021-03-01 → discharged 2021-03-10 (V2021), med_type 21.
  ///
  /// Lines:
  ///   1 普通病房床位费 甲   50.00 × 9  =   450.00 → inscp 450.00
  ///   2 阑尾切除术 甲      800.00 × 1  =   800.00 → inscp 800.00
  ///   3 Ⅰ级护理 甲          25.00 × 9  =   225.00 → inscp 225.00
  ///   4 人工晶体 乙10% 限价1200: 1500.00 × 1 = 1500.00 → overlmt 300.00, pre round(1200 × 10%) = 120.00, inscp 1080.00
  ///   5 信迪利单抗 谈判+特药 (V2021 residents 10 %): 1080.00 × 10 = 10800.00 → pre 1080.00, inscp 9720.00 (S)
  ///   6 血细胞分析 甲        20.00 × 3  =    60.00 → inscp 60.00
  /// medfee 13835.00; F 0; O 300.00; Pre 1200.00; I 12335.00; S 9720.00; Iₙ 2615.00.
  /// §4.4 390 level 3: d 1000.00, ratio 65 % (cont_years 3: no bonus): hifp round(1615.00 × 65%) = 1049.75.
  /// §5.1 特药 (poor: threshold 0, 60 %): round(9720.00 × 60%) = 5832.00.
  /// §5.1 大病 (poor, D 5000): base Iₙ − hifp = 1565.25, (0, 0] above D → 0.
  /// §5.3 救助 70 %: base 12335.00 − 1049.75 − 5832.00 = 5453.25 → round(3817.275) = 3817.28.
  /// §5.4 再救助: R = 5453.25 − 3817.28 = 1635.97 < 5000 → 0.
  /// fund 1049.75 + 5832.00 + 3817.28 = 10699.03; personal 13835.00 − 10699.03 = 3135.97.
  @Test func poorResidentStayPaysEveryLayerAndCancels() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let person = "37040000000000000002"
    let admission = try await center.succeed(
      "2401",
      input: [
        "mdtrtinfo": [
          "psn_no": .string(person), "insutype": "390", "begntime": "2021-03-01 10:00:00", "mdtrt_cert_type": "02",
          "mdtrt_cert_no": "370481195007012191", "med_type": "21", "ipt_no": "ZY0001", "atddr_no": "D02",
          "adm_diag_dscr": "阑尾炎", "adm_dept_codg": "04", "adm_dept_name": "外科", "adm_bed": "12",
          "dscg_maindiag_code": "K35.900", "dscg_maindiag_name": "急性阑尾炎", "dise_codg": "K35.900",
          "dise_name": "急性阑尾炎", "geso_val": "0", "fetts": "0", "fetus_cnt": "0", "exp_content": nil,
        ],
        "diseinfo": [["diag_type": "1", "diag_srt_no": "1", "diag_code": "K35.900", "diag_name": "急性阑尾炎"]],
      ])
    let visit = try #require(admission["result"]["mdtrt_id"].text)
    func line(_ serial: String, _ code: String, _ price: String, _ count: String, _ amount: String) -> JSONValue {
      [
        "feedetl_sn": .string(serial), "init_feedetl_sn": nil, "mdtrt_id": .string(visit), "drord_no": "YZ1",
        "psn_no": .string(person), "med_type": "21", "fee_ocur_time": "2021-03-05 08:00:00",
        "med_list_codg": .string(code), "medins_list_codg": .string("H-" + code),
        "det_item_fee_sumamt": .string(amount),
        "cnt": .string(count), "pric": .string(price), "hosp_appr_flag": "1",
      ]
    }
    let upload = try await center.succeed(
      "2301",
      input: [
        "feedetail": [
          line("1", "001109000010100", "50.00", "9", "450.00"),
          line("2", "003310030010100", "800.00", "1", "800.00"),
          line("3", "001201000030100", "25.00", "9", "225.00"),
          line("4", "C0601018630327135462", "1500.00", "1", "1500.00"),
          line("5", "XL01XCK141A030607248873", "1080.00", "10", "10800.00"),
          line("6", "002501010150100", "20.00", "3", "60.00"),
        ]
      ])
    let results = upload["result"].elements
    #expect(results[3]["overlmt_amt"] == .number("300.00"))
    #expect(results[3]["preselfpay_amt"] == .number("120.00"))
    #expect(results[4]["selfpay_prop"] == .number("0.1000"))
    #expect(results[4]["inscp_scp_amt"] == .number("9720.00"))

    _ = try await center.succeed(
      "2402",
      input: [
        "dscginfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(person), "insutype": "390", "endtime": "2021-03-10 09:00:00",
          "dise_codg": "K35.900", "dise_name": "急性阑尾炎", "dscg_way": "1",
        ],
        "diseinfo": [],
      ])
    // 2303/2304 as openhis sends them: medfee_sumamt a string, the other amounts numbers, a camelCase extra.
    let settleInput: JSONValue = [
      "data": [
        "psn_no": .string(person), "mdtrt_cert_type": "02", "mdtrt_cert_no": "370481195007012191",
        "medfee_sumamt": "13835.00", "psn_setlway": "01", "mdtrt_id": .string(visit), "insutype": "390",
        "acct_used_flag": "0", "invono": "", "mid_setl_flag": "0", "fulamt_ownpay_amt": .number("0"),
        "overlmt_selfpay": .number("300.00"), "preselfpay_amt": .number("1200.00"),
        "inscp_scp_amt": .number("12335.00"),
        "dscgTime": "2021-03-10 09:00:00", "exp_content": nil,
      ]
    ]
    let preview = try await center.succeed("2303", input: settleInput)
    #expect(preview["setlinfo"]["fund_pay_sumamt"] == .number("10699.03"))

    let settled = try await center.succeed("2304", input: settleInput)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["medfee_sumamt"] == .number("13835.00"))
    #expect(setlinfo["overlmt_selfpay"] == .number("300.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("1200.00"))
    #expect(setlinfo["inscp_scp_amt"] == .number("12335.00"))
    #expect(setlinfo["act_pay_dedc"] == .number("1000.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.6500"))
    #expect(setlinfo["hifp_pay"] == .number("1049.75"))
    #expect(setlinfo["hifmi_pay"] == .number("5832.00"))
    #expect(setlinfo["hifob_pay"] == .number("0.00"))
    #expect(setlinfo["maf_pay"] == .number("3817.28"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("10699.03"))
    #expect(setlinfo["psn_part_amt"] == .number("3135.97"))
    #expect(setlinfo["clr_type"] == "21")
    let funds = settled["setldetail"].elements.map { ($0["fund_pay_type"].text ?? "", $0["fund_payamt"].text ?? "") }
    #expect(funds.map(\.0) == ["390100", "390200", "610100"])
    #expect(funds.map(\.1) == ["1049.75", "5832.00", "3817.28"])
    #expect(
      settled["setldetail"].elements.first?["setl_proc_info"].text?.contains(
        "政策范围内 2615.00 − 起付线 1000.00 = 1615.00 × 65% = 1049.75")
        == true)
    // 医疗救助 (§5.3): what is left of the in-scope amount after the funds before it, by name:
    // 12335.00 − 1049.75 − 5832.00 = 5453.25 × 70% = 3817.28 (大病 and 职工大额 paid nothing).
    #expect(
      settled["setldetail"].elements.last?["setl_proc_info"]
        == "医疗救助：政策范围内 12335.00 − 基本医保 1049.75 − 大病特药 5832.00 = 5453.25 × 70% = 3817.28")

    let counters = try await center.counters(person)
    #expect(counters[CounterKey(name: "basic", period: "2021")] == Money(fen: 104_975))
    #expect(counters[CounterKey(name: "critical_illness.base", period: "2021")] == Money(fen: 156_525))
    #expect(counters[CounterKey(name: "special_drugs.base", period: "2021")] == Money(fen: 972_000))
    #expect(counters[CounterKey(name: "re_assistance.base", period: "2021")] == Money(fen: 163_597))

    let discharge = try await center.refuse(
      "2405", input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    #expect(discharge.contains("请先撤销结算"), "\(discharge)")

    let settlementID = try #require(setlinfo["setl_id"].text)
    let mirror = try await center.succeed(
      "2305",
      input: ["data": ["mdtrt_id": .string(visit), "setl_id": .string(settlementID), "psn_no": .string(person)]])
    #expect(mirror["setlinfo"]["maf_pay"] == .number("-3817.28"))
    #expect(mirror["setlinfo"]["fund_pay_sumamt"] == .number("-10699.03"))
    #expect(
      mirror["setldetail"].elements.map { $0["fund_payamt"] } == [
        .number("-1049.75"), .number("-5832.00"), .number("-3817.28"),
      ])
    #expect(try await center.counters(person).isEmpty, "the cancellation gives every accumulator back")
  }
}
