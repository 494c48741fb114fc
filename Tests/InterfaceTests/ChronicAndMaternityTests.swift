import Money
import NationalInterface
import Settlement
import Store
import Testing

/// 门慢特 (§4.3: dialysis package, radiotherapy courses), 两病 (§4.2) and maternity (§4.5)
/// through the HTTP interface, V2021.
@Suite struct ChronicAndMaternityTests {
  /// Registers an outpatient visit and uploads its 2203 (med_type, dise_codg); answers mdtrt_id.
  func outpatientVisit(
    _ center: TestCenter, institution: String, person: String, insutype: String, date: String,
    medicalType: String = "14", disease: String
  ) async throws -> String {
    let registration = try await center.succeed(
      "2201", institution: institution,
      input: ["data": ["psn_no": .string(person), "insutype": .string(insutype), "begntime": .string(date)]])
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2203A", institution: institution,
      input: [
        "mdtrtinfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(person), "med_type": .string(medicalType),
          "begntime": .string(date), "dise_codg": .string(disease),
        ]
      ])
    return visit
  }

  func upload(
    _ center: TestCenter, institution: String, visit: String, person: String,
    _ lines: [(code: String, price: String, count: String, amount: String)]
  ) async throws {
    _ = try await center.succeed(
      "2204", institution: institution,
      input: [
        "feedetail": .array(
          lines.enumerated().map { index, line in
            TestCenter.line(
              String(index + 1), visit: visit, person: person, code: line.code, price: line.price, count: line.count,
              amount: line.amount)
          })
      ])
  }

  func settleOutpatient(
    _ center: TestCenter, institution: String, visit: String, person: String, insutype: String, medfee: String,
    way: String = "01"
  ) async throws -> JSONValue {
    try await center.succeed(
      "2207", institution: institution,
      input: [
        "data": [
          "psn_no": .string(person), "mdtrt_id": .string(visit), "med_type": "14", "insutype": .string(insutype),
          "medfee_sumamt": .number(medfee), "psn_setlway": .string(way), "acct_used_flag": "0",
        ]
      ])
  }

  // MARK: Dialysis (M07800)

  let dialysisPatient = "37040000000000000008"
  /// 血液透析 甲 400.00 × 3 = 1200.00 → inscp 1200.00;
  /// 一次性使用血液透析器 乙5% 限价100.00: 120.00 × 3 = 360.00 → overlmt round((120.00 − 100.00) × 3) = 60.00,
  /// pre round(300.00 × 5%) = 15.00, inscp 285.00.
  /// medfee 1560.00; F 0; O 60.00; Pre 15.00; I 1485.00; S 0; Iₙ 1485.00.
  let dialysisLines = [
    (code: "003110000060100", price: "400.00", count: "3", amount: "1200.00"),
    (code: "C0401011137350837516", price: "120.00", count: "3", amount: "360.00"),
  ]

  /// 褚福祥 (390 resident 1501, M07800 2020-01-01 – 2030-12-31, not bound) at H37040600001, the
  /// dialysis capitation partner, psn_setlway 02, on 2021-04-06 (V2021), the dialysis lines.
  /// §4.3 package: the fund pays all of Iₙ = 1485.00, no first-pay (from V2020B), no deductible,
  /// pool_prop_selfpay 1.0000 (§6); added to the dialysis limit and to the basic cap.
  /// §5.1 大病: burden Iₙ − hifp = 0 → nothing. No identity: no assistance.
  /// fund 1485.00; personal 1560.00 − 1485.00 = 75.00 (= O 60.00 + Pre 15.00), all cash.
  @Test func dialysisPackageAtThePartnerPaysAllOfTheInScopeAmount() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040600001"
    let visit = try await outpatientVisit(
      center, institution: hospital, person: dialysisPatient, insutype: "390", date: "2021-04-06 08:00:00",
      disease: "M07800")
    try await upload(center, institution: hospital, visit: visit, person: dialysisPatient, dialysisLines)
    let settled = try await settleOutpatient(
      center, institution: hospital, visit: visit, person: dialysisPatient, insutype: "390", medfee: "1560.00",
      way: "02")
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["overlmt_selfpay"] == .number("60.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("15.00"))
    #expect(setlinfo["inscp_scp_amt"] == .number("1485.00"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("1.0000"))
    #expect(setlinfo["hifp_pay"] == .number("1485.00"))
    #expect(setlinfo["hifmi_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("1485.00"))
    #expect(setlinfo["psn_cash_pay"] == .number("75.00"))
    #expect(settled["setldetail"].elements.map { $0["fund_pay_type"] } == ["390100"])
    let counters = try await center.counters(dialysisPatient)
    #expect(counters[CounterKey(name: "dialysis", period: "2021")] == Money(fen: 148_500))
    #expect(counters[CounterKey(name: "basic", period: "2021")] == Money(fen: 148_500))
  }

  /// The same person and lines on 2021-04-06 without the package: psn_setlway 01 at another
  /// hospital (H37040200001), 02 at a hospital that is not the partner, or 01 at the partner.
  /// §4.3: no deductible, resident 70 %: hifp round(1485.00 × 70%) = 1039.50 (dialysis limit
  /// 70,000 and basic cap 200,000 untouched before). §5.1 大病 (ordinary, D 15,000): burden
  /// 1485.00 − 1039.50 = 445.50, below D → 0. fund 1039.50; personal 1560.00 − 1039.50 = 520.50.
  @Test(arguments: [("H37040200001", "01"), ("H37040200001", "02"), ("H37040600001", "01")])
  func dialysisWithoutThePackagePaysSeventyPercent(hospital: String, way: String) async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await outpatientVisit(
      center, institution: hospital, person: dialysisPatient, insutype: "390", date: "2021-04-06 08:00:00",
      disease: "M07800")
    try await upload(center, institution: hospital, visit: visit, person: dialysisPatient, dialysisLines)
    let settled = try await settleOutpatient(
      center, institution: hospital, visit: visit, person: dialysisPatient, insutype: "390", medfee: "1560.00",
      way: way)
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.7000"))
    #expect(setlinfo["hifp_pay"] == .number("1039.50"))
    #expect(setlinfo["hifmi_pay"] == .number("0.00"))
    #expect(setlinfo["maf_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("1039.50"))
    #expect(setlinfo["psn_cash_pay"] == .number("520.50"))
    #expect(
      try await center.counters(dialysisPatient)[CounterKey(name: "dialysis", period: "2021")] == Money(fen: 103_950))
  }

  /// §4.3: the package pays even beyond the disease limit, and the amount is still added to it.
  /// 1. At the partner, 02, 2021-04-06: 血液透析 400.00 × 180 = 72,000.00, all inscp → hifp
  ///    72,000.00 (> the 70,000 dialysis limit); dialysis and basic counters 72,000.00.
  /// 2. At H37040200001, 01, 2021-05-06: 血液透析 400.00 × 1 = 400.00 → round(400.00 × 70%) = 280.00,
  ///    but the dialysis limit has (70,000 − 72,000)⁺ = 0 left → hifp 0.00; 大病 base 0 + 400.00
  ///    stays below D 15,000 → 0. fund 0.00; personal 400.00.
  @Test func dialysisPackageGoesBeyondTheDiseaseLimitAndStillCounts() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let partner = "H37040600001"
    let first = try await outpatientVisit(
      center, institution: partner, person: dialysisPatient, insutype: "390", date: "2021-04-06 08:00:00",
      disease: "M07800")
    try await upload(
      center, institution: partner, visit: first, person: dialysisPatient,
      [(code: "003110000060100", price: "400.00", count: "180", amount: "72000.00")])
    let package = try await settleOutpatient(
      center, institution: partner, visit: first, person: dialysisPatient, insutype: "390", medfee: "72000.00",
      way: "02")
    #expect(package["setlinfo"]["hifp_pay"] == .number("72000.00"))
    let counters = try await center.counters(dialysisPatient)
    #expect(counters[CounterKey(name: "dialysis", period: "2021")] == Money(fen: 7_200_000))
    #expect(counters[CounterKey(name: "basic", period: "2021")] == Money(fen: 7_200_000))

    let hospital = "H37040200001"
    let second = try await outpatientVisit(
      center, institution: hospital, person: dialysisPatient, insutype: "390", date: "2021-05-06 08:00:00",
      disease: "M07800")
    try await upload(
      center, institution: hospital, visit: second, person: dialysisPatient,
      [(code: "003110000060100", price: "400.00", count: "1", amount: "400.00")])
    let settled = try await settleOutpatient(
      center, institution: hospital, visit: second, person: dialysisPatient, insutype: "390", medfee: "400.00")
    try checkIdentities(settled["setlinfo"])
    #expect(settled["setlinfo"]["hifp_pay"] == .number("0.00"))
    #expect(settled["setlinfo"]["fund_pay_sumamt"] == .number("0.00"))
    #expect(settled["setlinfo"]["psn_cash_pay"] == .number("400.00"))
  }

  // MARK: Radiotherapy (M00501, course RT2021001)

  /// 杨志强 (310 in service 1101; M00500 2020–2030; M00501 2021-03-01 – 2021-08-31 course
  /// RT2021001) at H37040200001, med_type 14, dise_codg M00501 (V2021).
  /// 1. 2021-04-10: 直线加速器放疗 甲 150.00 × 10 = 1500.00 → inscp 1500.00;
  ///    调强适形放疗 乙10% 限价800: 900.00 × 5 = 4500.00 → overlmt (900 − 800) × 5 = 500.00,
  ///    pre round(4000.00 × 10%) = 400.00, inscp 3600.00.
  ///    medfee 6000.00; O 500.00; Pre 400.00; I 5100.00 (employee: S 0).
  ///    §4.3 in service 85 %, no deductible: hifp round(5100.00 × 85%) = 4335.00 (course limit 40,000
  ///    and basic cap 300,000 untouched). No 职工大额 (the basic cap does not bind), no assistance.
  ///    fund 4335.00; personal 6000.00 − 4335.00 = 1665.00, cash (acct_used_flag 0).
  /// 2. 2021-06-10: 直线加速器放疗 150.00 × 300 = 45,000.00 → I 45,000.00; round(45,000.00 × 85%) =
  ///    38,250.00, but the course limit has 40,000 − 4335.00 = 35,665.00 left → hifp 35,665.00.
  ///    The binding limit is the course's, not the basic cap (295,665.00 left): §5.2 pays nothing.
  ///    fund 35,665.00; personal 45,000.00 − 35,665.00 = 9335.00.
  /// The course counter ends at 40,000.00 and the basic cap at 40,000.00; from V2020B M00501 does
  /// not draw on the M00500 yearly limit.
  @Test func radiotherapyCourseLimitRunsPerCourse() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200001"
    let person = "37040000000000000010"
    let first = try await outpatientVisit(
      center, institution: hospital, person: person, insutype: "310", date: "2021-04-10 09:00:00", disease: "M00501")
    try await upload(
      center, institution: hospital, visit: first, person: person,
      [
        (code: "002403000030100", price: "150.00", count: "10", amount: "1500.00"),
        (code: "002403000060100", price: "900.00", count: "5", amount: "4500.00"),
      ])
    let settled = try await settleOutpatient(
      center, institution: hospital, visit: first, person: person, insutype: "310", medfee: "6000.00")
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["overlmt_selfpay"] == .number("500.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("400.00"))
    #expect(setlinfo["inscp_scp_amt"] == .number("5100.00"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.8500"))
    #expect(setlinfo["hifp_pay"] == .number("4335.00"))
    #expect(setlinfo["hifob_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("4335.00"))
    #expect(setlinfo["psn_cash_pay"] == .number("1665.00"))
    let course = CounterKey(name: "radiotherapy_course", period: "course:RT2021001")
    #expect(try await center.counters(person)[course] == Money(fen: 433_500))

    let second = try await outpatientVisit(
      center, institution: hospital, person: person, insutype: "310", date: "2021-06-10 09:00:00", disease: "M00501")
    try await upload(
      center, institution: hospital, visit: second, person: person,
      [(code: "002403000030100", price: "150.00", count: "300", amount: "45000.00")])
    let capped = try await settleOutpatient(
      center, institution: hospital, visit: second, person: person, insutype: "310", medfee: "45000.00")
    try checkIdentities(capped["setlinfo"])
    #expect(capped["setlinfo"]["hifp_pay"] == .number("35665.00"))
    #expect(capped["setlinfo"]["hifob_pay"] == .number("0.00"))
    #expect(capped["setlinfo"]["fund_pay_sumamt"] == .number("35665.00"))
    #expect(capped["setlinfo"]["psn_cash_pay"] == .number("9335.00"))
    let counters = try await center.counters(person)
    #expect(counters[course] == Money(fen: 4_000_000))
    #expect(counters[CounterKey(name: "basic", period: "2021")] == Money(fen: 4_000_000))
    #expect(counters[CounterKey(name: "tumour", period: "2021")] == nil)
  }

  /// §4.3: M00501 needs the course qualification valid on the date. RT2021001 ends 2021-08-31;
  /// a 2021-09-10 visit under M00501 is refused naming dise_codg M00501, and nothing is stored.
  @Test func radiotherapyOutsideTheCourseIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200001"
    let person = "37040000000000000010"
    let visit = try await outpatientVisit(
      center, institution: hospital, person: person, insutype: "310", date: "2021-09-10 09:00:00", disease: "M00501")
    try await upload(
      center, institution: hospital, visit: visit, person: person,
      [(code: "002403000030100", price: "150.00", count: "1", amount: "150.00")])
    let message = try await center.refuse(
      "2207", institution: hospital,
      input: ["data": ["psn_no": .string(person), "mdtrt_id": .string(visit), "med_type": "14", "insutype": "310"]])
    #expect(message.contains("dise_codg") && message.contains("M00501"), "\(message)")
    #expect(try await center.store.settlements(visitID: visit).isEmpty)
    #expect(try await center.counters(person).isEmpty)
  }

  // MARK: 两病 (I10 / E11)

  /// 高桂兰 (390 resident 1501; I10 and E11 (insulin) both registered 2020–2030) at H37040200002
  /// under med_type 14 (V2021: 60 %, no deductible, cap 600 with both registered).
  /// 1. 2021-03-15, dise_codg I10.x05 (matches I10 by prefix):
  ///    苯磺酸氨氯地平片 甲 101  6.30 × 30 = 189.00 → inscp 189.00
  ///    阿托伐他汀钙片 乙10% 101 26.40 × 10 = 264.00 → pre 26.40, inscp 237.60
  ///    血细胞分析 甲 201       20.00 × 1 = 20.00 → inscp 20.00 (not a drug: stays with the person)
  ///    普通门诊诊察费 甲 201   10.00 × 1 = 10.00 → inscp 10.00 (not a drug)
  ///    medfee 483.00; Pre 26.40; I 456.60; I_drugs 189.00 + 237.60 = 426.60.
  ///    fund round(426.60 × 60%) = 255.96 (cap 600 left 600); personal 483.00 − 255.96 = 227.04.
  /// 2. 2021-06-20, dise_codg E11.900: 盐酸二甲双胍片 8.50 × 60 = 510.00 + 精蛋白胰岛素 56.20 × 5 =
  ///    281.00, both 甲 drugs → I_drugs 791.00; round(791.00 × 60%) = 474.60, but the one yearly cap
  ///    has 600.00 − 255.96 = 344.04 left → fund 344.04; personal 791.00 − 344.04 = 446.96.
  /// 两病 does not count toward the basic cap (the only counter is the 两病 one, 600.00 at the end)
  /// and gets no 大病 and no assistance.
  @Test func twoDiseasesPayDrugLinesUpToOneYearlyCap() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200002"
    let person = "37040000000000000009"
    let first = try await outpatientVisit(
      center, institution: hospital, person: person, insutype: "390", date: "2021-03-15 09:00:00", disease: "I10.x05")
    try await upload(
      center, institution: hospital, visit: first, person: person,
      [
        (code: "XC08CAR443A001737253412", price: "6.30", count: "30", amount: "189.00"),
        (code: "XC10AAM023A001523859692", price: "26.40", count: "10", amount: "264.00"),
        (code: "002501010150100", price: "20.00", count: "1", amount: "20.00"),
        (code: "001102000010100", price: "10.00", count: "1", amount: "10.00"),
      ])
    let settled = try await settleOutpatient(
      center, institution: hospital, visit: first, person: person, insutype: "390", medfee: "483.00")
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["preselfpay_amt"] == .number("26.40"))
    #expect(setlinfo["inscp_scp_amt"] == .number("456.60"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.6000"))
    #expect(setlinfo["hifp_pay"] == .number("255.96"))
    #expect(setlinfo["hifmi_pay"] == .number("0.00"))
    #expect(setlinfo["maf_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("255.96"))
    #expect(setlinfo["psn_cash_pay"] == .number("227.04"))
    #expect(try await center.counters(person) == [CounterKey(name: "two_diseases", period: "2021"): Money(fen: 25_596)])

    let second = try await outpatientVisit(
      center, institution: hospital, person: person, insutype: "390", date: "2021-06-20 09:00:00", disease: "E11.900")
    try await upload(
      center, institution: hospital, visit: second, person: person,
      [
        (code: "XA10BAH407A001498191201", price: "8.50", count: "60", amount: "510.00"),
        (code: "XA10ADH912A030063207485", price: "56.20", count: "5", amount: "281.00"),
      ])
    let capped = try await settleOutpatient(
      center, institution: hospital, visit: second, person: person, insutype: "390", medfee: "791.00")
    try checkIdentities(capped["setlinfo"])
    #expect(capped["setlinfo"]["hifp_pay"] == .number("344.04"))
    #expect(capped["setlinfo"]["fund_pay_sumamt"] == .number("344.04"))
    #expect(capped["setlinfo"]["psn_cash_pay"] == .number("446.96"))
    #expect(try await center.counters(person) == [CounterKey(name: "two_diseases", period: "2021"): Money(fen: 60_000)])
  }

  // MARK: Maternity (med_type 52)

  /// Admits with 2401 (med_type 52, matn_type), uploads 2301 lines, discharges; answers mdtrt_id.
  func maternityStay(
    _ center: TestCenter, institution: String, person: String, lines: [(String, String, String, String)]
  ) async throws -> String {
    let admission = try await center.succeed(
      "2401", institution: institution,
      input: [
        "mdtrtinfo": [
          "psn_no": .string(person), "insutype": "310", "begntime": "2021-07-01 08:00:00", "mdtrt_cert_type": "02",
          "med_type": "52", "ipt_no": "ZY0052", "matn_type": "1", "dise_codg": "O80.000", "dise_name": "单胎顺产",
          "geso_val": "39", "fetts": "1", "fetus_cnt": "1", "exp_content": nil,
        ],
        "diseinfo": [["diag_type": "1", "diag_srt_no": "1", "diag_code": "O80.000", "diag_name": "单胎顺产"]],
      ])
    let visit = try #require(admission["result"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2301", institution: institution,
      input: [
        "feedetail": .array(
          lines.enumerated().map { index, line in
            [
              "feedetl_sn": .string(String(index + 1)), "mdtrt_id": .string(visit), "psn_no": .string(person),
              "med_type": "52", "fee_ocur_time": "2021-07-02 08:00:00", "med_list_codg": .string(line.0),
              "medins_list_codg": .string("H-" + line.0), "pric": .string(line.1), "cnt": .string(line.2),
              "det_item_fee_sumamt": .string(line.3),
            ]
          })
      ])
    _ = try await center.succeed(
      "2402", institution: institution,
      input: [
        "dscginfo": [
          "mdtrt_id": .string(visit), "psn_no": .string(person), "insutype": "310", "endtime": "2021-07-04 10:00:00",
          "matn_type": "1", "geso_val": "39", "fetts": "1", "fetus_cnt": "1", "dscg_way": "1",
        ]
      ])
    return visit
  }

  /// 单胎顺产接生 甲 800.00 × 1 = 800.00; 普通病房床位费 甲 50.00 × 4 = 200.00; 一次性使用产包 甲
  /// 60.00 × 1 = 60.00; 重症监护病房床位费 甲 800.00 × 3 = 2400.00; 氨甲环酸注射液 甲 15.00 × 20 =
  /// 300.00; 产复康颗粒 乙10% 30.00 × 10 = 300.00 → pre 30.00, inscp 270.00.
  /// medfee 4060.00; F 0; O 0; Pre 30.00; I 4030.00; no special line: Iₙ 4030.00.
  let deliveryLines = [
    ("003113000120100", "800.00", "1", "800.00"), ("001109000010100", "50.00", "4", "200.00"),
    ("C1201018922342381741", "60.00", "1", "60.00"), ("001109000050100", "800.00", "3", "2400.00"),
    ("XB02AAR020A030781643308", "15.00", "20", "300.00"), ("ZA16AAJ865B021519735460", "30.00", "10", "300.00"),
  ]

  /// 陈静 (woman, 310 1101 + a 510 row) gives birth (matn_type 1, vaginal) at H37040200001
  /// (level 3: no package), admitted 2021-07-01, discharged 2021-07-04 (V2021), delivery lines.
  /// §4.5: a person with a 510 row settles under insutype 510, fund 510100, standard for matn_type 1
  /// = 3500: fund min(3500.00, Iₙ 4030.00) = 3500.00. §6: 510100 has no setlinfo field, so
  /// hifp_pay 0.00 while fund_pay_sumamt 3500.00; pool_prop_selfpay 0.0000 (a standard);
  /// act_pay_dedc 0.00. personal 4060.00 − 3500.00 = 560.00, cash. No basic cap, no 大病, no
  /// assistance: no counter moves.
  @Test func maternityWithA510RowSettlesUnder510AtTheStandard() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200001"
    let person = "37040000000000000005"
    let visit = try await maternityStay(center, institution: hospital, person: person, lines: deliveryLines)
    let settled = try await center.succeed(
      "2304", institution: hospital,
      input: [
        "data": [
          "psn_no": .string(person), "mdtrt_id": .string(visit), "insutype": "310", "medfee_sumamt": "4060.00",
          "psn_setlway": "01", "mid_setl_flag": "0", "acct_used_flag": "0", "dscgTime": "2021-07-04",
        ]
      ])
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["insutype"] == "510")
    #expect(setlinfo["med_type"] == "52")
    #expect(setlinfo["medfee_sumamt"] == .number("4060.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("30.00"))
    #expect(setlinfo["inscp_scp_amt"] == .number("4030.00"))
    #expect(setlinfo["act_pay_dedc"] == .number("0.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.0000"))
    #expect(setlinfo["hifp_pay"] == .number("0.00"))
    #expect(setlinfo["hifmi_pay"] == .number("0.00"))
    #expect(setlinfo["maf_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("3500.00"))
    #expect(setlinfo["psn_part_amt"] == .number("560.00"))
    #expect(setlinfo["psn_cash_pay"] == .number("560.00"))
    let funds = settled["setldetail"].elements
    #expect(funds.map { $0["fund_pay_type"] } == ["510100"])
    #expect(funds.map { $0["fund_payamt"] } == [.number("3500.00")])
    #expect(try await center.counters(person).isEmpty)
  }

  /// The same delivery at H37040200002 (level 2, in region) with psn_setlway 02: from V2021 a
  /// vaginal delivery there is a package (§4.5): the fund (510100) pays all of Iₙ = 4030.00,
  /// pool_prop_selfpay 1.0000; personal 4060.00 − 4030.00 = 30.00 (the 先行自付).
  @Test func vaginalDeliveryPackageAtLevelTwoPaysAllOfTheInScopeAmount() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200002"
    let person = "37040000000000000005"
    let visit = try await maternityStay(center, institution: hospital, person: person, lines: deliveryLines)
    let settled = try await center.succeed(
      "2304", institution: hospital,
      input: [
        "data": [
          "psn_no": .string(person), "mdtrt_id": .string(visit), "insutype": "310", "medfee_sumamt": "4060.00",
          "psn_setlway": "02", "mid_setl_flag": "0", "acct_used_flag": "0",
        ]
      ])
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["insutype"] == "510")
    #expect(setlinfo["pool_prop_selfpay"] == .number("1.0000"))
    #expect(setlinfo["hifp_pay"] == .number("0.00"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("4030.00"))
    #expect(setlinfo["psn_cash_pay"] == .number("30.00"))
    #expect(settled["setldetail"].elements.map { $0["fund_pay_type"] } == ["510100"])
  }

  /// §4.5: only women are entitled. 刘建军 (man, 310 1101) admitted under med_type 52, matn_type 1:
  /// 2303 and 2304 are refused naming the person; nothing is settled and no counter moves.
  @Test func aManIsRefusedMaternity() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let hospital = "H37040200001"
    let person = "37040000000000000003"
    let visit = try await maternityStay(
      center, institution: hospital, person: person, lines: [("003113000120100", "800.00", "1", "800.00")])
    let input: JSONValue = [
      "data": ["psn_no": .string(person), "mdtrt_id": .string(visit), "insutype": "310", "medfee_sumamt": "800.00"]
    ]
    let preview = try await center.refuse("2303", institution: hospital, input: input)
    #expect(preview.contains(person), "\(preview)")
    let message = try await center.refuse("2304", institution: hospital, input: input)
    #expect(message.contains(person), "\(message)")
    #expect(try await center.store.settlements(visitID: visit).isEmpty)
    #expect(try await center.counters(person).isEmpty)
  }
}
