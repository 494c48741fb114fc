import Money
import NationalInterface
import Settlement
import Testing

/// A whole outpatient visit through the HTTP interface: 9001 → 1101 → 2201 → 2203 → 2204
/// → 2206 → 2207 → 2208, figures worked by hand.
@Suite struct OutpatientTests {
  /// 张丽娟 (390 resident 1501, no identity) at H37040200002 (level 2, in region) on 2021-05-10, med_type 11.
  ///
  /// Lines (2204 split, V2021):
  ///   1 阿莫西林 甲     9.80 × 2 =  19.60 → inscp 19.60
  ///   2 阿托伐他汀 乙10% 26.40 × 1 = 26.40 → pre round(26.40 × 10%) = 2.64, inscp 23.76
  ///   3 一般诊疗费 甲   10.00 × 1 = 10.00 → inscp 10.00
  ///   4 奥利司他 丙    188.00 × 1 = 188.00 → fulamt 188.00
  /// medfee 244.00 = F 188.00 + O 0 + Pre 2.64 + I 53.36.
  /// §4.1 390 level 2: no deductible, 50 % → hifp round(53.36 × 50%) = 26.68 (cap 300 left 300).
  /// No layer for med_type 11. fund 26.68; personal 244.00 − 26.68 = 217.32, all cash.
  @Test func residentGeneralOutpatientSettlesAndCancels() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200002"
    let signIn = try await center.succeed(
      "9001", institution: hospital, input: ["signIn": ["opter_no": "001", "mac": "00", "ip": "127.0.0.1"]])
    #expect(signIn["signinoutb"]["sign_no"].text != nil)

    let info = try await center.succeed(
      "1101", institution: hospital,
      input: ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "370402198503123681", "psn_cert_type": "01"]])
    let person = try #require(info["baseinfo"]["psn_no"].text)
    #expect(person == "37040000000000000001")
    #expect(info["insuinfo"].elements.first?["insutype"] == "390")

    let registration = try await center.succeed(
      "2201", institution: hospital,
      input: [
        "data": [
          "psn_no": .string(person), "insutype": "390", "begntime": "2021-05-10T09:30:00", "mdtrt_cert_type": "02",
          "mdtrt_cert_no": "370402198503123681", "ipt_otp_no": "MZ0001", "atddr_no": "D01", "dr_name": "李医生",
          "dept_code": "03", "dept_name": "内科", "caty": "A03",
        ]
      ])
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2203A", institution: hospital,
      input: [
        "mdtrtinfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(person), "med_type": "11", "begntime": "2021-05-10 09:30:00",
          "dise_codg": "J06.900", "dise_name": "急性上呼吸道感染",
        ],
        "diseinfo": [["diag_type": "1", "diag_srt_no": "1", "diag_code": "J06.900", "diag_name": "急性上呼吸道感染"]],
      ])
    let upload = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "XJ01CAH502A010343505254", price: "9.80", count: "2",
            amount: "19.60"),
          TestCenter.line(
            "2", visit: visit, person: person, code: "XC10AAM023A001523859692", price: "26.40", count: "1",
            amount: "26.40"),
          TestCenter.line(
            "3", visit: visit, person: person, code: "001110000010100", price: "10.00", count: "1", amount: "10.00"),
          TestCenter.line(
            "4", visit: visit, person: person, code: "XA08ABQ915A010860222748", price: "188.00", count: "1",
            amount: "188.00"),
        ]
      ])
    let results = upload["result"].elements
    #expect(results.count == 4)
    #expect(results[1]["preselfpay_amt"] == .number("2.64"))
    #expect(results[1]["inscp_scp_amt"] == .number("23.76"))
    #expect(results[3]["fulamt_ownpay_amt"] == .number("188.00"))

    let settleInput: JSONValue = [
      "data": [
        "psn_no": .string(person), "mdtrt_cert_type": "02", "mdtrt_cert_no": "370402198503123681", "med_type": "11",
        "medfee_sumamt": .number("244.00"), "psn_setlway": "01", "mdtrt_id": .string(visit), "chrg_bchno": "B1",
        "insutype": "390", "acct_used_flag": "0",
      ]
    ]
    let preview = try await center.succeed("2206", institution: hospital, input: settleInput)
    #expect(preview["setlinfo"]["hifp_pay"] == .number("26.68"))
    #expect(try await center.counters(person).isEmpty, "a pre-settlement stores nothing")

    let settled = try await center.succeed("2207", institution: hospital, input: settleInput)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["medfee_sumamt"] == .number("244.00"))
    #expect(setlinfo["fulamt_ownpay_amt"] == .number("188.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("2.64"))
    #expect(setlinfo["inscp_scp_amt"] == .number("53.36"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["hifp_pay"] == .number("26.68"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.5000"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("26.68"))
    #expect(setlinfo["psn_part_amt"] == .number("217.32"))
    #expect(setlinfo["psn_cash_pay"] == .number("217.32"))
    let detail = settled["setldetail"].elements
    #expect(detail.count == 1)
    #expect(detail.first?["fund_pay_type"] == "390100")
    #expect(detail.first?["setl_proc_info"].text?.contains("53.36 × 50% = 26.68") == true)
    let settlementID = try #require(setlinfo["setl_id"].text)
    #expect(try await center.counters(person) == [CounterKey(name: "outpatient", period: "2021"): Money(fen: 2668)])

    let again = try await center.refuse("2207", institution: hospital, input: settleInput)
    #expect(again.contains("没有未结算的费用明细"), "the lines are settled once: \(again)")

    let cancelInput: JSONValue = [
      "data": ["setl_id": .string(settlementID), "mdtrt_id": .string(visit), "psn_no": .string(person)]
    ]
    let mirror = try await center.succeed("2208", institution: hospital, input: cancelInput)
    #expect(mirror["setlinfo"]["medfee_sumamt"] == .number("-244.00"))
    #expect(mirror["setlinfo"]["hifp_pay"] == .number("-26.68"))
    #expect(mirror["setlinfo"]["psn_cash_pay"] == .number("-217.32"))
    #expect(mirror["setlinfo"]["setl_id"].text != settlementID)
    #expect(try await center.counters(person).isEmpty, "a cancellation gives every accumulator back")
    let twice = try await center.refuse("2208", institution: hospital, input: cancelInput)
    #expect(twice.contains("已于撤销记录"), "\(twice)")

    // The freed lines settle again to the same figures.
    let resettled = try await center.succeed("2207", institution: hospital, input: settleInput)
    #expect(resettled["setlinfo"]["hifp_pay"] == .number("26.68"))
  }

  /// 刘建军 (310 in service 1101, account 3000.00) at H37040300001 (level 1) on 2021-06-01.
  /// 阿莫西林 9.80 × 3 = 29.40 + 一般诊疗费 10.00 = 39.40, all 甲 → I 39.40.
  /// §4.1 310: yearly deductible 1000 → d = 39.40, E 0 → hifp 0; ratio 60 % (level 1).
  /// §5.5 acct_used_flag 1: account pays min(3000.00, 39.40) = 39.40, balance 2960.60, cash 0.
  @Test func employeeAccountPaysThePersonalPart() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040300001"
    let person = "37040000000000000003"
    let visit = try #require(
      try await center.succeed(
        "2201", institution: hospital,
        input: ["data": ["psn_no": .string(person), "insutype": "310", "begntime": "2021-06-01 08:00:00"]]
      )["data"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "XJ01CAH502A010343505254", price: "9.80", count: "3",
            amount: "29.40"),
          TestCenter.line(
            "2", visit: visit, person: person, code: "001110000010100", price: "10", count: "1", amount: "10"),
        ]
      ])
    let settled = try await center.succeed(
      "2207", institution: hospital,
      input: [
        "data": [
          "psn_no": .string(person), "mdtrt_id": .string(visit), "med_type": "11", "medfee_sumamt": "39.40",
          "insutype": "310", "acct_used_flag": "1",
        ]
      ])
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["act_pay_dedc"] == .number("39.40"))
    #expect(setlinfo["hifp_pay"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.6000"))
    #expect(setlinfo["acct_pay"] == .number("39.40"))
    #expect(setlinfo["psn_cash_pay"] == .number("0.00"))
    #expect(setlinfo["balc"] == .number("2960.60"))
    #expect(settled["setldetail"].elements.map { $0["fund_pay_type"] } == ["310200"])
    let info = try await center.succeed(
      "1101", institution: hospital, input: ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "370403198005209753"]])
    #expect(info["insuinfo"].elements.first?["balc"] == .number("2960.60"))
  }
}
