import Money
import NationalInterface
import Testing

/// Bad input is refused with infcode -1 and an err_msg naming the field and the value,
/// and nothing of the refused call is stored.
@Suite struct RefusalTests {
  let person = "37040000000000000001"

  func register(
    _ center: TestCenter, institution: String = "H37040200002", medicalType: String = "11", disease: String = "J06.900"
  )
    async throws -> String
  {
    let output = try await center.succeed(
      "2201", institution: institution,
      input: ["data": ["psn_no": .string(person), "insutype": "390", "begntime": "2021-05-10 09:30:00"]])
    let visit = try #require(output["data"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2203", institution: institution,
      input: [
        "mdtrtinfo": ["mdtrt_id": .string(visit), "med_type": .string(medicalType), "dise_codg": .string(disease)]
      ])
    return visit
  }

  @Test func aWrongLineAmountRefusesTheWholeUpload() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await register(center)
    let message = try await center.refuse(
      "2204", institution: "H37040200002",
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "001110000010100", price: "10.00", count: "1", amount: "10.00"),
          TestCenter.line(
            "2", visit: visit, person: person, code: "XJ01CAH502A010343505254", price: "9.80", count: "2",
            amount: "19.61"),
        ]
      ])
    #expect(
      message.contains("feedetl_sn=2") && message.contains("det_item_fee_sumamt") && message.contains("19.61"),
      "\(message)")
    #expect(try await center.store.feeLines(visitID: visit).isEmpty, "nothing of the upload is stored")
  }

  @Test(arguments: [
    ("pric", "9.8000001", "1", "9.80", "pric"),
    ("cnt", "9.80", "1.00001", "9.80", "cnt"),
    ("amount", "9.80", "1", "9.805", "det_item_fee_sumamt"),
    ("negative", "9.80", "-1", "-9.80", "cnt"),
  ])
  func badNumbersAreRefusedNamingTheField(_ name: String, price: String, count: String, amount: String, field: String)
    async throws
  {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await register(center)
    let message = try await center.refuse(
      "2204", institution: "H37040200002",
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "XJ01CAH502A010343505254", price: price, count: count,
            amount: amount)
        ]
      ])
    #expect(message.contains(field), "\(name): \(message)")
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)
  }

  @Test func unknownCodesPersonsAndVisitsAreNamed() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await register(center)
    let code = try await center.refuse(
      "2204", institution: "H37040200002",
      input: [
        "feedetail": [
          TestCenter.line("1", visit: visit, person: person, code: "X000", price: "1", count: "1", amount: "1")
        ]
      ])
    #expect(code.contains("med_list_codg") && code.contains("X000"), "\(code)")
    let unknownPerson = try await center.refuse(
      "1101", input: ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "110101199001011234"]])
    #expect(unknownPerson.contains("110101199001011234"), "\(unknownPerson)")
    let unknownVisit = try await center.refuse("2207", input: ["data": ["mdtrt_id": "999", "psn_no": .string(person)]])
    #expect(unknownVisit.contains("mdtrt_id") && unknownVisit.contains("999"), "\(unknownVisit)")
    let unknownInstitution = try await center.refuse("1101", institution: "H37049999999", input: ["data": [:]])
    #expect(unknownInstitution.contains("H37049999999"), "\(unknownInstitution)")
    let unknownTransaction = try await center.refuse("9999", input: [:])
    #expect(unknownTransaction.contains("9999"), "\(unknownTransaction)")
  }

  @Test func anotherInstitutionsVisitIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await register(center)
    let message = try await center.refuse(
      "2204", institution: "H37040200001",
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "001110000010100", price: "10", count: "1", amount: "10")
        ]
      ])
    #expect(message.contains("其他定点医药机构"), "\(message)")
  }

  @Test func aVisitWithoutLinesCannotSettle() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await register(center)
    let message = try await center.refuse(
      "2207", institution: "H37040200002", input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    #expect(message.contains(visit) && message.contains("没有未结算的费用明细"), "\(message)")
  }

  /// 张丽娟 holds no M00500 qualification: a 门慢特 visit is refused, naming dise_codg.
  @Test func chronicVisitWithoutQualificationIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await register(center, medicalType: "14", disease: "M00500")
    _ = try await center.succeed(
      "2204", institution: "H37040200002",
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "001110000010100", price: "10", count: "1", amount: "10")
        ]
      ])
    let message = try await center.refuse(
      "2207", institution: "H37040200002", input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    #expect(message.contains("dise_codg") && message.contains("M00500"), "\(message)")
    #expect(try await center.counters(person).isEmpty)
    #expect(try await center.store.settlements(visitID: visit).isEmpty)
  }

  @Test func aBodyThatIsNotJSONIsAnsweredNotCrashed() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let answer = try await center.post(Array("{\"infno\": \"2207\", ".utf8))
    #expect(answer["infcode"] == .number("-1"))
    #expect(answer["err_msg"].text?.contains("JSON") == true)
  }
}
