import Money
import NationalInterface
import Settlement
import Store
import Testing

/// 2101/2102/2103 at the 双通道 pharmacy P37040200001 (§4.6, from V2021): only the in-scope
/// amount of the non-special nego lines is paid, at the lv3 inpatient ratio of the person's row
/// (65 / 85 / 90 %, no bonus, no deductible), limited by and added to the basic yearly cap; other
/// lines stay with the person; a resident's special lines go to the 特药 track (§5.1); no 大病,
/// no 职工大额, no assistance.
@Suite struct PharmacyTests {
  let pharmacy = "P37040200001"

  /// One purchase: `data` with the person and `drugdetail[]` with the lines.
  func purchase(
    _ person: String, insutype: String, date: String = "2021-06-01 10:00:00", medfee: String, account: Bool = false,
    lines: [JSONValue]
  ) -> JSONValue {
    [
      "data": [
        "psn_no": .string(person), "mdtrt_cert_type": "02", "insutype": .string(insutype), "med_type": "41",
        "begntime": .string(date), "medfee_sumamt": .number(medfee), "psn_setlway": "01",
        "acct_used_flag": account ? "1" : "0",
      ],
      "drugdetail": .array(lines),
    ]
  }

  func drug(_ serial: String, _ code: String, price: String, count: String, amount: String) -> JSONValue {
    [
      "feedetl_sn": .string(serial), "rxno": "CF001", "fee_ocur_time": "2021-06-01 10:00:00",
      "med_list_codg": .string(code), "medins_list_codg": .string("P-" + code), "det_item_fee_sumamt": .number(amount),
      "cnt": .number(count), "pric": .number(price), "hosp_appr_flag": "1",
    ]
  }

  /// The five lines of the mixed purchase below.
  func mixedLines() -> [JSONValue] {
    [
      drug("1", "XA10BKC791A001985360122", price: "130.80", count: "2", amount: "261.60"),  // 达格列净 nego 乙
      drug("2", "XL01XCK141A030607248873", price: "1080.00", count: "1", amount: "1080.00"),  // 信迪利单抗 nego+special
      drug("3", "XJ01CAH502A010343505254", price: "9.80", count: "2", amount: "19.60"),  // 阿莫西林 甲, not nego
      drug("4", "XA10BKD373A001941530538", price: "5.20", count: "10", amount: "52.00"),  // 恩格列净 nego 甲
      drug("5", "XA08ABQ915A010860222748", price: "188.00", count: "1", amount: "188.00"),  // 奥利司他 丙
    ]
  }

  /// 王德胜 (390 resident 1501, cont_years 3, identity 2102 → poor) on 2021-06-01 (V2021).
  ///
  /// §3.3 V2021: every non-丙类 nego item has p = 10 % under 390, whatever the catalogue says.
  ///   1 达格列净 nego 乙      130.80 × 2 = 261.60 → pre round(26.16) = 26.16, inscp 235.44
  ///   2 信迪利单抗 nego+special 1080.00 × 1 = 1080.00 → pre 108.00, inscp 972.00 → S (resident)
  ///   3 阿莫西林 甲 (not nego)  9.80 × 2 = 19.60 → inscp 19.60 (stays with the person)
  ///   4 恩格列净 nego 甲 (catalogue p 0) 5.20 × 10 = 52.00 → pre 10 % = 5.20, inscp 46.80
  ///   5 奥利司他 丙           188.00 × 1 = 188.00 → fulamt 188.00
  /// medfee 1601.20; F 188.00; O 0; Pre 26.16 + 108.00 + 5.20 = 139.36; I 1273.84; S 972.00.
  /// §4.6 base = non-special nego inscp 235.44 + 46.80 = 282.24; resident 65 % (no bonus, no
  /// deductible): hifp round(282.24 × 65%) = round(183.456) = 183.46 (basic cap 200,000 left).
  /// §5.1 特药 (poor: D 0, 60 %): T 0 → 972.00: round(972.00 × 60%) = 583.20 (cap 200,000).
  /// No 大病, no assistance (§4.6, §5.3) although 2102 is held.
  /// fund 183.46 + 583.20 = 766.66; personal 1601.20 − 766.66 = 834.54, all cash.
  @Test func residentPurchasePaysNegoLinesAndSpecialDrugs() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let person = "37040000000000000002"
    let input = purchase(person, insutype: "390", medfee: "1601.20", lines: mixedLines())

    let preview = try await center.succeed("2101", institution: pharmacy, input: input)
    #expect(preview["setlinfo"]["hifp_pay"] == .number("183.46"))
    #expect(preview["setlinfo"]["hifmi_pay"] == .number("583.20"))
    #expect(try await center.counters(person).isEmpty, "a pre-settlement stores nothing")
    let previewVisit = try #require(preview["setlinfo"]["mdtrt_id"].text)
    #expect(try await center.store.visit(id: previewVisit) == nil)
    #expect(try await center.store.feeLines(visitID: previewVisit).isEmpty)

    let settled = try await center.succeed("2102", institution: pharmacy, input: input)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["medfee_sumamt"] == .number("1601.20"))
    #expect(setlinfo["fulamt_ownpay_amt"] == .number("188.00"))
    #expect(setlinfo["overlmt_selfpay"] == .number("0.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("139.36"))
    #expect(setlinfo["inscp_scp_amt"] == .number("1273.84"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.6500"))
    #expect(setlinfo["hifp_pay"] == .number("183.46"))
    #expect(setlinfo["hifmi_pay"] == .number("583.20"))
    #expect(setlinfo["maf_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("766.66"))
    #expect(setlinfo["psn_part_amt"] == .number("834.54"))
    #expect(setlinfo["psn_cash_pay"] == .number("834.54"))
    #expect(setlinfo["clr_type"] == "41")
    #expect(setlinfo["med_type"] == "41")
    let funds = settled["setldetail"].elements
    #expect(funds.map { $0["fund_pay_type"] } == ["390100", "390200"])
    #expect(funds.map { $0["fund_payamt"] } == [.number("183.46"), .number("583.20")])
    let counters = try await center.counters(person)
    #expect(counters[CounterKey(name: "basic", period: "2021")] == Money(fen: 18_346))
    #expect(counters[CounterKey(name: "special_drugs.base", period: "2021")] == Money(fen: 97_200))

    // 2102 stored its visit, its lines and its settlement together.
    let visit = try #require(setlinfo["mdtrt_id"].text)
    let settlementID = try #require(setlinfo["setl_id"].text)
    #expect(try await center.store.visit(id: visit)?.personNumber == person)
    let lines = try await center.store.feeLines(visitID: visit)
    #expect(lines.map(\.serial) == ["1", "2", "3", "4", "5"])
    #expect(lines.allSatisfy { $0.settlementID == settlementID })
    #expect(lines.map(\.preSelfPay) == [Money(fen: 2616), Money(fen: 10_800), .zero, Money(fen: 520), .zero])
    #expect(try await center.store.settlements(visitID: visit).map(\.id) == [settlementID])

    let mirror = try await center.succeed(
      "2103", institution: pharmacy, input: ["data": ["setl_id": .string(settlementID), "psn_no": .string(person)]])
    #expect(mirror["setlinfo"]["hifp_pay"] == .number("-183.46"))
    #expect(mirror["setlinfo"]["hifmi_pay"] == .number("-583.20"))
    #expect(mirror["setlinfo"]["fund_pay_sumamt"] == .number("-766.66"))
    #expect(try await center.counters(person).isEmpty, "2103 gives every accumulator back")
    let twice = try await center.refuse(
      "2103", institution: pharmacy, input: ["data": ["setl_id": .string(settlementID), "psn_no": .string(person)]])
    #expect(twice.contains(settlementID), "\(twice)")
  }

  /// 刘建军 (310 in service 1101, account 3000.00) on 2021-06-01 (V2021), the same five lines.
  ///
  /// §3.3 V2021: nego items p = 5 % under 310.
  ///   1 达格列净 261.60 → pre round(13.08) = 13.08, inscp 248.52
  ///   2 信迪利单抗 1080.00 → pre 54.00, inscp 1026.00 (employees: no special track, S = 0)
  ///   3 阿莫西林 19.60 → inscp 19.60 (not nego: stays with the person)
  ///   4 恩格列净 52.00 → pre 2.60, inscp 49.40
  ///   5 奥利司他 188.00 → fulamt 188.00
  /// medfee 1601.20; F 188.00; Pre 69.68; I 1601.20 − 188.00 − 69.68 = 1343.52.
  /// §4.6 base = every nego line, special or not: 248.52 + 1026.00 + 49.40 = 1323.92; in service 85 %:
  /// hifp round(1323.92 × 85%) = round(1125.332) = 1125.33. No 职工大额. fund 1125.33;
  /// personal 1601.20 − 1125.33 = 475.87. §5.5 acct_used_flag 1: acct min(3000.00, 475.87) = 475.87,
  /// cash 0.00, balance 3000.00 − 475.87 = 2524.13; 2103 gives the 475.87 back.
  @Test func employeePurchaseCountsEveryNegoLineAndCancels() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let person = "37040000000000000003"
    let input = purchase(person, insutype: "310", medfee: "1601.20", account: true, lines: mixedLines())
    let preview = try await center.succeed("2101", institution: pharmacy, input: input)
    #expect(preview["setlinfo"]["hifp_pay"] == .number("1125.33"))
    #expect(preview["setlinfo"]["acct_pay"] == .number("475.87"))
    #expect(try await center.counters(person).isEmpty)

    let settled = try await center.succeed("2102", institution: pharmacy, input: input)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["insutype"] == "310")
    #expect(setlinfo["preselfpay_amt"] == .number("69.68"))
    #expect(setlinfo["inscp_scp_amt"] == .number("1343.52"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.8500"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["hifp_pay"] == .number("1125.33"))
    #expect(setlinfo["hifmi_pay"] == .number("0.00"))
    #expect(setlinfo["hifob_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("1125.33"))
    #expect(setlinfo["psn_part_amt"] == .number("475.87"))
    #expect(setlinfo["acct_pay"] == .number("475.87"))
    #expect(setlinfo["psn_cash_pay"] == .number("0.00"))
    #expect(setlinfo["balc"] == .number("2524.13"))
    #expect(settled["setldetail"].elements.map { $0["fund_pay_type"] } == ["310100", "310200"])
    #expect(try await center.counters(person)[CounterKey(name: "basic", period: "2021")] == Money(fen: 112_533))

    let settlementID = try #require(setlinfo["setl_id"].text)
    let mirror = try await center.succeed(
      "2103", institution: pharmacy, input: ["data": ["setl_id": .string(settlementID), "psn_no": .string(person)]])
    #expect(mirror["setlinfo"]["acct_pay"] == .number("-475.87"))
    #expect(mirror["setlinfo"]["hifp_pay"] == .number("-1125.33"))
    #expect(try await center.counters(person).isEmpty)
    let info = try await center.succeed(
      "1101", institution: pharmacy, input: ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "370403198005209753"]])
    #expect(info["insuinfo"].elements.first?["balc"] == .number("3000.00"), "the account is restored")
  }

  /// One 达格列净 (nego 乙) 130.80 × 1 on 2021-06-01 (V2021), for each kind of row (§4.6: the lv3
  /// inpatient ratio, no bonus):
  /// * 张丽娟 390 resident (cont_years 6: the +2 pp is inpatient only): pre 10 % = 13.08,
  ///   inscp 117.72, round(117.72 × 65%) = round(76.518) = 76.52.
  /// * 刘建军 310 in service: pre 5 % = 6.54, inscp 124.26, round(124.26 × 85%) = round(105.621) = 105.62.
  /// * 孙德明 310 retired 1201: pre 6.54, inscp 124.26, round(124.26 × 90%) = round(111.834) = 111.83.
  @Test(arguments: [
    ("37040000000000000001", "390", "13.08", "117.72", "0.6500", "76.52"),
    ("37040000000000000003", "310", "6.54", "124.26", "0.8500", "105.62"),
    ("37040000000000000004", "310", "6.54", "124.26", "0.9000", "111.83"),
  ])
  func ratioFollowsThePersonsRow(
    person: String, insutype: String, preselfpay: String, inscope: String, ratio: String, basic: String
  ) async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let settled = try await center.succeed(
      "2102", institution: pharmacy,
      input: purchase(
        person, insutype: insutype, medfee: "130.80",
        lines: [drug("1", "XA10BKC791A001985360122", price: "130.80", count: "1", amount: "130.80")]))
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["preselfpay_amt"] == .number(preselfpay))
    #expect(setlinfo["inscp_scp_amt"] == .number(inscope))
    #expect(setlinfo["pool_prop_selfpay"] == .number(ratio))
    #expect(setlinfo["hifp_pay"] == .number(basic))
    #expect(setlinfo["fund_pay_sumamt"] == .number(basic))
  }

  /// 张丽娟 (390 resident, not poor) buys 达格列净 130.80 × 3000 = 392,400.00 on 2021-06-01 (V2021):
  /// pre 10 % = 39,240.00, inscp 353,160.00; round(353,160.00 × 65%) = 229,554.00 > the basic
  /// yearly cap of 200,000 (§4.4, used 0) → hifp 200,000.00. personal 392,400.00 − 200,000.00 = 192,400.00.
  /// A second purchase the same year, 130.80 × 1 → inscp 117.72, round(× 65%) = 76.52, but the
  /// cap has 0 left → hifp 0.00, fund 0.00, personal 130.80.
  @Test func theBasicCapLimitsAndAccumulatesPharmacyPayments() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let person = "37040000000000000001"
    let first = try await center.succeed(
      "2102", institution: pharmacy,
      input: purchase(
        person, insutype: "390", medfee: "392400.00",
        lines: [drug("1", "XA10BKC791A001985360122", price: "130.80", count: "3000", amount: "392400.00")]))
    try checkIdentities(first["setlinfo"])
    #expect(first["setlinfo"]["inscp_scp_amt"] == .number("353160.00"))
    #expect(first["setlinfo"]["hifp_pay"] == .number("200000.00"))
    #expect(first["setlinfo"]["psn_cash_pay"] == .number("192400.00"))
    #expect(try await center.counters(person)[CounterKey(name: "basic", period: "2021")] == Money(fen: 20_000_000))

    let second = try await center.succeed(
      "2102", institution: pharmacy,
      input: purchase(
        person, insutype: "390", date: "2021-07-01 10:00:00", medfee: "130.80",
        lines: [drug("1", "XA10BKC791A001985360122", price: "130.80", count: "1", amount: "130.80")]))
    try checkIdentities(second["setlinfo"])
    #expect(second["setlinfo"]["inscp_scp_amt"] == .number("117.72"))
    #expect(second["setlinfo"]["hifp_pay"] == .number("0.00"))
    #expect(second["setlinfo"]["fund_pay_sumamt"] == .number("0.00"))
    #expect(second["setlinfo"]["psn_cash_pay"] == .number("130.80"))
    #expect(second["setldetail"].elements.isEmpty)
  }

  /// §4 / §4.6: 双通道 starts with V2021, so a 2102 on 2020-12-31 (V2020B) is refused naming the
  /// combination (med_type 41); a pharmacy purchase is stored in one step, so the refused call
  /// leaves no visit, no line and no settlement behind.
  /// The accepted purchase first (2021-06-01, 张丽娟 390): 达格列净 130.80 × 1, pre 10 % = 13.08,
  /// inscp 117.72, hifp round(117.72 × 65%) = 76.52, the only amount in the basic cap afterwards.
  @Test func purchaseBefore2021IsRefusedAndLeavesNothing() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let person = "37040000000000000001"
    let line = drug("1", "XA10BKC791A001985360122", price: "130.80", count: "1", amount: "130.80")
    let before = try await center.succeed(
      "2102", institution: pharmacy, input: purchase(person, insutype: "390", medfee: "130.80", lines: [line]))
    let firstVisit = try #require(Int(before["setlinfo"]["mdtrt_id"].text ?? ""))

    let message = try await center.refuse(
      "2102", institution: pharmacy,
      input: purchase(person, insutype: "390", date: "2020-12-31 10:00:00", medfee: "130.80", lines: [line]))
    #expect(message.contains("41"), "\(message)")
    let preview = try await center.refuse(
      "2101", institution: pharmacy,
      input: purchase(person, insutype: "390", date: "2020-12-31 10:00:00", medfee: "130.80", lines: [line]))
    #expect(preview.contains("41"), "\(preview)")

    // Every mdtrt_id handed out after the successful purchase belonged to the refused calls.
    let next = try #require(Int(center.store.nextVisitID()))
    for id in (firstVisit + 1)..<next {
      #expect(try await center.store.visit(id: String(id)) == nil, "visit \(id) was stored")
      #expect(try await center.store.feeLines(visitID: String(id)).isEmpty, "lines of \(id) were stored")
      #expect(try await center.store.settlements(visitID: String(id)).isEmpty)
    }
    #expect(try await center.counters(person)[CounterKey(name: "basic", period: "2021")] == Money(fen: 7652))
  }

  /// §2: med_type 41 is refused at a hospital. 张丽娟 registers at H37040200001 on 2021-06-01,
  /// 2203 says med_type 41, a 达格列净 line is uploaded: 2207 is refused naming 41, nothing settled.
  @Test func pharmacyMedicalTypeAtAHospitalIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let person = "37040000000000000001"
    let hospital = "H37040200001"
    let registration = try await center.succeed(
      "2201", institution: hospital,
      input: ["data": ["psn_no": .string(person), "insutype": "390", "begntime": "2021-06-01 09:00:00"]])
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2203", institution: hospital, input: ["mdtrtinfo": ["mdtrt_id": .string(visit), "med_type": "41"]])
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "XA10BKC791A001985360122", price: "130.80", count: "1",
            amount: "130.80")
        ]
      ])
    let message = try await center.refuse(
      "2207", institution: hospital,
      input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person), "med_type": "41", "insutype": "390"]])
    #expect(message.contains("41"), "\(message)")
    #expect(try await center.store.settlements(visitID: visit).isEmpty)
    #expect(try await center.counters(person).isEmpty)
  }
}
