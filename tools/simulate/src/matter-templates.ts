import type { PetitionKind, RespondentInput, SensitiveTag } from '@tiep-dan/contracts';
import type { SimulationCommune, SimulationHamlet } from './vietnamese-data';

/**
 * What petitions are about: one template per typical matter of a rural commune, for each kind
 * (khiếu nại, tố cáo, kiến nghị, phản ánh), written the way citizens and reception officers write.
 * A matter's facts are drawn once; every submission of the matter (a duplicate, a repeat) renders
 * the same facts, with another phrasing of the summary and the hamlet written another way.
 */

/** Subject domains of the commune configuration (sample-commune.json `subjectDomains`). */
export type SubjectDomainCode =
  | 'land'
  | 'environment'
  | 'social-policy'
  | 'labour-employment'
  | 'ethnic-affairs'
  | 'religion'
  | 'justice'
  | 'construction-order'
  | 'civil-service'
  | 'health-education'
  | 'public-order'
  | 'other';

export interface NamedPerson {
  /** "ông" or "bà". */
  honorific: string;
  fullName: string;
}

/** The facts of one matter, drawn once by the generator. */
export interface MatterFacts {
  commune: SimulationCommune;
  /** Where the matter is: usually the petitioner's own hamlet. */
  hamlet: SimulationHamlet;
  /** The hamlet as written in this submission (official name, alias, without diacritics…). */
  hamletText: string;
  /** "tôi", or "chúng tôi" for a group. */
  I: string;
  /** "gia đình tôi", or "các hộ gia đình chúng tôi" for a group. */
  family: string;
  parcel: number;
  mapSheet: number;
  /** m², a field or a garden. */
  area: number;
  /** m², a strip or a shed. */
  smallArea: number;
  landUse: string;
  decisionNo: string;
  /** dd/mm/yyyy: the decision or act the matter is about. */
  decisionDate: string;
  penaltyNo: string;
  caseNo: string;
  project: string;
  /** Amounts, already formatted with thousands dots. */
  price: string;
  fine: string;
  amount: string;
  bribe: string;
  fee: string;
  neighbour: NamedPerson;
  owner: NamedPerson;
  official: NamedPerson & { post: string };
  business: string;
  kiln: string;
  quarry: string;
  noisy: string;
  employer: string;
  road: string;
  roadLength: number;
  /** "mẹ tôi", "bố tôi"… */
  relative: string;
  members: number;
  count: number;
  scale: number;
  /** A month and year before receipt, for "since month/year". */
  month: number;
  year: number;
  sinceYear: number;
  monthsCount: number;
}

export interface MatterTemplate {
  id: string;
  kind: PetitionKind;
  domain: SubjectDomainCode;
  /** Official classification (CLASSIFICATION_CODES[kind]). */
  classification: string;
  sensitiveTags: readonly SensitiveTag[];
  /** Relative frequency among the templates of its kind. */
  weight: number;
  /** Relative frequency when the petition comes from a mass group; 0 = never a group matter. */
  massWeight: number;
  /** Whether people send it without a name. */
  anonymousOk: boolean;
  /** A complaint about a decision or act: the petition says when the petitioner learned of it. */
  learnedOfDecision: boolean;
  respondent?: (f: MatterFacts) => RespondentInput;
  /** At least two phrasings of the same matter: re-submissions use another one. */
  summaries: readonly ((f: MatterFacts) => string)[];
  content: (f: MatterFacts) => string;
  request: (f: MatterFacts) => string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const who = (p: NamedPerson) => `${p.honorific} ${p.fullName}`;
const chairmanDecision = (f: MatterFacts, what: string): RespondentInput => ({
  type: 'decision',
  level: 'commune',
  description: `Quyết định số ${f.decisionNo} ngày ${f.decisionDate} của Chủ tịch UBND xã ${f.commune.name} ${what}`,
  unitCode: 'committee-leadership',
  officialName: f.commune.chairman.fullName,
  isChairman: true,
});

const COMPLAINTS: MatterTemplate[] = [
  {
    id: 'land-recovery-decision',
    kind: 'complaint',
    domain: 'land',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    weight: 14,
    massWeight: 3,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => chairmanDecision(f, `về việc thu hồi đất để thực hiện ${f.project}`),
    summaries: [
      (f) =>
        `Khiếu nại Quyết định số ${f.decisionNo} ngày ${f.decisionDate} của Chủ tịch UBND xã về việc thu hồi ${f.area} m² ${f.landUse}, thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet} tại ${f.hamletText}`,
      (f) =>
        `Đề nghị xem xét lại Quyết định thu hồi đất số ${f.decisionNo} đối với thửa số ${f.parcel} tờ bản đồ ${f.mapSheet}, ${f.hamletText}, do diện tích thu hồi không đúng thực tế`,
      (f) =>
        `Không đồng ý việc Chủ tịch UBND xã thu hồi thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet} (${f.area} m²) ở ${f.hamletText} theo Quyết định ${f.decisionNo}`,
    ],
    content: (f) =>
      `Ngày ${f.decisionDate}, Chủ tịch UBND xã ${f.commune.name} ban hành Quyết định số ${f.decisionNo} thu hồi ${f.area} m² ${f.landUse} của ${f.family} tại thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet}, ${f.hamletText} để thực hiện ${f.project}. ${cap(f.family)} sử dụng ổn định phần đất này từ năm ${f.sinceYear}, đã được cấp Giấy chứng nhận quyền sử dụng đất. Diện tích ghi trong quyết định lớn hơn phần nằm trong chỉ giới dự án, phần đất còn lại nhỏ, không đủ điều kiện tiếp tục canh tác nhưng không được thu hồi và bồi thường.`,
    request: (f) =>
      `Đề nghị Chủ tịch UBND xã xem xét hủy bỏ hoặc điều chỉnh Quyết định số ${f.decisionNo}, đo đạc lại diện tích thu hồi và thu hồi luôn phần diện tích còn lại không đủ điều kiện canh tác của ${f.family}.`,
  },
  {
    id: 'clearance-compensation',
    kind: 'complaint',
    domain: 'land',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    weight: 14,
    massWeight: 10,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) =>
      chairmanDecision(f, `phê duyệt phương án bồi thường, hỗ trợ, tái định cư ${f.project}`),
    summaries: [
      (f) =>
        `Khiếu nại phương án bồi thường, hỗ trợ giải phóng mặt bằng ${f.project}, đơn giá bồi thường ${f.landUse} ${f.price} đồng/m² quá thấp so với giá thị trường`,
      (f) =>
        `Khiếu nại giá bồi thường đất khi giải phóng mặt bằng ${f.project} tại ${f.hamletText}, đề nghị áp dụng lại đơn giá`,
      (f) =>
        `Không nhất trí mức bồi thường ${f.price} đồng/m² theo Quyết định ${f.decisionNo} phê duyệt phương án bồi thường ${f.project}`,
    ],
    content: (f) =>
      `${cap(f.family)} có ${f.area} m² ${f.landUse} tại thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet}, ${f.hamletText} bị thu hồi để thực hiện ${f.project}. Theo Quyết định số ${f.decisionNo} ngày ${f.decisionDate} phê duyệt phương án bồi thường, hỗ trợ, đơn giá bồi thường chỉ ${f.price} đồng/m², thấp hơn nhiều so với giá chuyển nhượng thực tế tại địa phương; cây trồng, vật kiến trúc trên đất chưa được kiểm đếm đầy đủ, khoản hỗ trợ chuyển đổi nghề nghiệp chưa được tính.`,
    request: (f) =>
      `Đề nghị UBND xã kiểm đếm lại tài sản trên đất, điều chỉnh đơn giá bồi thường phù hợp với giá thị trường và bổ sung khoản hỗ trợ chuyển đổi nghề nghiệp, tìm kiếm việc làm cho ${f.family}.`,
  },
  {
    id: 'land-certificate-refusal',
    kind: 'complaint',
    domain: 'land',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    weight: 8,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'act',
      level: 'commune',
      description: `Việc UBND xã ${f.commune.name} trả lại hồ sơ, không cấp Giấy chứng nhận quyền sử dụng đất thửa số ${f.parcel}, tờ bản đồ số ${f.mapSheet}`,
      unitCode: 'economic-department',
    }),
    summaries: [
      (f) =>
        `Khiếu nại việc UBND xã trả lại hồ sơ, không cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất số ${f.parcel} tại ${f.hamletText}`,
      (f) =>
        `Khiếu nại việc từ chối cấp sổ đỏ cho thửa đất ${f.family} sử dụng ổn định từ năm ${f.sinceYear} ở ${f.hamletText}`,
      (f) =>
        `Khiếu nại việc không giải quyết hồ sơ cấp Giấy chứng nhận lần đầu đối với ${f.area} m² đất tại ${f.hamletText}, thửa số ${f.parcel}`,
    ],
    content: (f) =>
      `${cap(f.family)} sử dụng ổn định, không tranh chấp ${f.area} m² đất tại thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet}, ${f.hamletText} từ năm ${f.sinceYear}. Tháng ${f.month}/${f.year}, ${f.I} nộp hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng đất lần đầu tại Trung tâm Phục vụ hành chính công xã. Ngày ${f.decisionDate}, ${f.I} nhận văn bản trả lại hồ sơ với lý do đất có nguồn gốc lấn chiếm, trong khi ${f.family} có giấy tờ mua bán viết tay và xác nhận của trưởng thôn về thời điểm sử dụng đất.`,
    request: (f) =>
      `Đề nghị Chủ tịch UBND xã xem xét lại việc trả hồ sơ, xác minh nguồn gốc sử dụng đất và cấp Giấy chứng nhận quyền sử dụng đất cho ${f.family} theo quy định.`,
  },
  {
    id: 'land-dispute-mediation',
    kind: 'complaint',
    domain: 'land',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    weight: 5,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'act',
      level: 'commune',
      description: `Việc UBND xã ${f.commune.name} không tổ chức hòa giải tranh chấp đất đai theo đơn ngày ${f.decisionDate}`,
      unitCode: 'economic-department',
    }),
    summaries: [
      (f) =>
        `Khiếu nại việc UBND xã không tổ chức hòa giải tranh chấp ranh giới đất giữa ${f.family} và hộ ${who(f.neighbour)} tại ${f.hamletText}`,
      (f) =>
        `Khiếu nại việc đã quá thời hạn nhưng UBND xã chưa hòa giải tranh chấp đất với hộ ${who(f.neighbour)} (${f.hamletText})`,
    ],
    content: (f) =>
      `Ngày ${f.decisionDate}, ${f.I} nộp đơn đề nghị hòa giải tranh chấp ranh giới thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet} giữa ${f.family} và hộ ${who(f.neighbour)} ở ${f.hamletText}. Đã quá thời hạn hòa giải theo quy định nhưng UBND xã chưa thành lập Hội đồng hòa giải, chưa mời các bên đến làm việc.`,
    request: () =>
      `Đề nghị Chủ tịch UBND xã chỉ đạo tổ chức hòa giải tranh chấp đất đai theo quy định của Luật Đất đai.`,
  },
  {
    id: 'social-allowance-cut',
    kind: 'complaint',
    domain: 'social-policy',
    classification: 'administrative.policy',
    sensitiveTags: [],
    weight: 8,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      ...chairmanDecision(f, `về việc thôi hưởng trợ cấp xã hội hằng tháng`),
      unitCode: 'culture-social-department',
    }),
    summaries: [
      (f) =>
        `Khiếu nại Quyết định số ${f.decisionNo} của Chủ tịch UBND xã về việc thôi hưởng trợ cấp xã hội hằng tháng đối với ${f.relative}`,
      (f) => `Khiếu nại việc cắt trợ cấp xã hội hằng tháng của ${f.relative} từ tháng ${f.month}/${f.year}`,
      (f) =>
        `Đề nghị xem xét lại việc dừng chi trả trợ cấp người khuyết tật cho ${f.relative} (Quyết định ${f.decisionNo})`,
    ],
    content: (f) =>
      `${cap(f.relative)} là người khuyết tật nặng, hưởng trợ cấp xã hội hằng tháng từ năm ${f.sinceYear}. Ngày ${f.decisionDate}, Chủ tịch UBND xã ban hành Quyết định số ${f.decisionNo} thôi hưởng trợ cấp với lý do đã xác định lại mức độ khuyết tật, nhưng gia đình không được mời tham dự buổi xác định lại và không nhận được biên bản của Hội đồng xác định mức độ khuyết tật.`,
    request: (f) =>
      `Đề nghị thu hồi Quyết định số ${f.decisionNo}, tổ chức xác định lại mức độ khuyết tật có mặt gia đình và tiếp tục chi trả trợ cấp cho ${f.relative} từ tháng bị dừng.`,
  },
  {
    id: 'poor-household-review',
    kind: 'complaint',
    domain: 'social-policy',
    classification: 'administrative.policy',
    sensitiveTags: [],
    weight: 6,
    massWeight: 2,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'act',
      level: 'commune',
      description: `Kết quả rà soát hộ nghèo, hộ cận nghèo năm ${f.year} tại ${f.hamlet.name}`,
      unitCode: 'culture-social-department',
    }),
    summaries: [
      (f) =>
        `Khiếu nại kết quả rà soát hộ nghèo, hộ cận nghèo năm ${f.year} tại ${f.hamletText}: ${f.family} khó khăn nhưng không được công nhận hộ cận nghèo`,
      (f) =>
        `Khiếu nại việc ${f.family} không có tên trong danh sách hộ cận nghèo năm ${f.year} của ${f.hamletText}`,
    ],
    content: (f) =>
      `${cap(f.family)} có ${f.members} nhân khẩu, ${f.relative} ốm đau thường xuyên, thu nhập chủ yếu từ làm thuê theo mùa vụ. Trong đợt rà soát hộ nghèo, hộ cận nghèo năm ${f.year}, hội nghị bình xét ở ${f.hamletText} không đưa ${f.family} vào danh sách, trong khi một số hộ có điều kiện kinh tế khá hơn lại được công nhận. Bảng chấm điểm thu nhập và mức độ thiếu hụt dịch vụ xã hội cơ bản không được công khai.`,
    request: (f) =>
      `Đề nghị UBND xã phúc tra kết quả rà soát tại ${f.hamletText}, công khai bảng chấm điểm và công nhận hộ cận nghèo nếu đủ điều kiện.`,
  },
  {
    id: 'construction-fine',
    kind: 'complaint',
    domain: 'construction-order',
    classification: 'administrative.other',
    sensitiveTags: [],
    weight: 6,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'decision',
      level: 'commune',
      description: `Quyết định xử phạt vi phạm hành chính số ${f.penaltyNo} ngày ${f.decisionDate} của Chủ tịch UBND xã ${f.commune.name}`,
      unitCode: 'economic-department',
      officialName: f.commune.chairman.fullName,
      isChairman: true,
    }),
    summaries: [
      (f) =>
        `Khiếu nại Quyết định xử phạt vi phạm hành chính số ${f.penaltyNo} về hành vi xây dựng công trình không có giấy phép tại ${f.hamletText}`,
      (f) =>
        `Khiếu nại việc bị phạt ${f.fine} đồng và buộc tháo dỡ nhà kho xây trên đất vườn tại ${f.hamletText} (Quyết định ${f.penaltyNo})`,
    ],
    content: (f) =>
      `Ngày ${f.decisionDate}, Chủ tịch UBND xã ban hành Quyết định số ${f.penaltyNo} xử phạt ${f.family} ${f.fine} đồng và buộc tháo dỡ nhà kho khoảng ${f.smallArea} m² xây trên đất vườn tại ${f.hamletText}, với lý do xây dựng không có giấy phép. Đây là công trình phụ phục vụ sản xuất nông nghiệp ở nông thôn, thuộc trường hợp được miễn giấy phép xây dựng; biên bản vi phạm lập khi ${f.I} không có mặt.`,
    request: (f) => `Đề nghị hủy Quyết định xử phạt số ${f.penaltyNo} và cho giữ nguyên công trình.`,
  },
  {
    id: 'official-refused-filing',
    kind: 'complaint',
    domain: 'civil-service',
    classification: 'administrative.other',
    sensitiveTags: [],
    weight: 5,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'act',
      level: 'commune',
      description: `Hành vi không tiếp nhận hồ sơ của ${f.official.post}`,
      unitCode: 'public-service-centre',
      officialName: f.official.fullName,
    }),
    summaries: [
      (f) =>
        `Khiếu nại hành vi của ${f.official.post} ${f.official.fullName} không tiếp nhận hồ sơ đăng ký thừa kế quyền sử dụng đất, không ra phiếu hướng dẫn`,
      (f) =>
        `Khiếu nại việc cán bộ Trung tâm Phục vụ hành chính công xã (${who(f.official)}) nhiều lần từ chối nhận hồ sơ mà không nêu lý do`,
    ],
    content: (f) =>
      `Ngày ${f.decisionDate}, ${f.I} đến Trung tâm Phục vụ hành chính công xã nộp hồ sơ đăng ký thừa kế quyền sử dụng đất. ${cap(who(f.official))}, ${f.official.post}, không tiếp nhận, yêu cầu bổ sung giấy tờ không có trong thành phần hồ sơ đã công bố và không ra phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. ${cap(f.I)} đã đi lại ba lần nhưng hồ sơ vẫn không được nhận.`,
    request: () =>
      `Đề nghị Chủ tịch UBND xã xem xét hành vi trên và chỉ đạo tiếp nhận hồ sơ theo đúng thủ tục hành chính đã công bố.`,
  },
  {
    id: 'hamlet-contribution',
    kind: 'complaint',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 3,
    massWeight: 4,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'act',
      level: 'commune',
      description: `Việc Ban phát triển ${f.hamlet.name} thu tiền đóng góp xây dựng nhà văn hóa`,
    }),
    summaries: [
      (f) =>
        `Khiếu nại việc thôn thu tiền đóng góp xây dựng nhà văn hóa ${f.hamletText} mức ${f.fee} đồng/hộ khi chưa được hội nghị thôn biểu quyết`,
      (f) =>
        `Khiếu nại việc ban quản lý thôn bắt buộc mỗi hộ nộp ${f.fee} đồng để xây nhà văn hóa ${f.hamletText}`,
    ],
    content: (f) =>
      `Ban phát triển ${f.hamletText} thông báo mỗi hộ phải nộp ${f.fee} đồng để xây dựng nhà văn hóa, hộ không nộp sẽ không được xác nhận giấy tờ. Mức thu chưa được đưa ra hội nghị thôn bàn và biểu quyết, không có dự toán công khai.`,
    request: () =>
      `Đề nghị UBND xã chỉ đạo dừng việc thu bắt buộc, tổ chức họp thôn bàn bạc công khai theo quy định về thực hiện dân chủ ở cơ sở.`,
  },
  {
    id: 'judgment-enforcement',
    kind: 'complaint',
    domain: 'justice',
    classification: 'judicial',
    sensitiveTags: ['judicial_activity'],
    weight: 3,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'act',
      level: 'judicial',
      description: `Việc tổ chức thi hành Bản án dân sự số ${f.caseNo} của Tòa án nhân dân khu vực`,
    }),
    summaries: [
      (f) =>
        `Khiếu nại việc chậm thi hành Bản án dân sự số ${f.caseNo}, đến nay chưa kê biên tài sản của người phải thi hành án`,
      (f) =>
        `Khiếu nại cơ quan thi hành án dân sự chậm thi hành bản án về tranh chấp hợp đồng vay tài sản (Bản án ${f.caseNo})`,
    ],
    content: (f) =>
      `Bản án số ${f.caseNo} của Tòa án nhân dân khu vực đã có hiệu lực pháp luật, buộc ${who(f.neighbour)} trả ${f.amount} đồng. ${cap(f.I)} nộp đơn yêu cầu thi hành án từ tháng ${f.month}/${f.year} nhưng đến nay cơ quan thi hành án dân sự chưa xác minh, kê biên tài sản, trong khi người phải thi hành án đang làm thủ tục chuyển nhượng đất cho người khác.`,
    request: () =>
      `Đề nghị UBND xã chuyển đơn đến cơ quan có thẩm quyền và phối hợp xác minh tài sản để bản án được thi hành.`,
  },
  {
    id: 'party-discipline',
    kind: 'complaint',
    domain: 'other',
    classification: 'party_mass_organisations',
    sensitiveTags: [],
    weight: 1,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: true,
    respondent: (f) => ({
      type: 'decision',
      level: 'party',
      description: `Quyết định kỷ luật khiển trách của Chi bộ ${f.hamlet.name} ngày ${f.decisionDate}`,
      unitCode: 'party-inspection-committee',
    }),
    summaries: [
      (f) => `Khiếu nại quyết định kỷ luật khiển trách của Chi bộ ${f.hamletText} đối với đảng viên`,
      (f) => `Khiếu nại hình thức kỷ luật đảng viên do Chi bộ ${f.hamletText} áp dụng ngày ${f.decisionDate}`,
    ],
    content: (f) =>
      `Ngày ${f.decisionDate}, Chi bộ ${f.hamletText} thi hành kỷ luật khiển trách với lý do vi phạm quy định về những điều đảng viên không được làm, liên quan đến việc xây dựng công trình trên đất nông nghiệp. Việc xem xét kỷ luật chưa đúng quy trình: đảng viên không được trình bày ý kiến trước khi chi bộ biểu quyết.`,
    request: () => `Đề nghị cấp có thẩm quyền xem xét lại quyết định kỷ luật.`,
  },
];

const DENUNCIATIONS: MatterTemplate[] = [
  {
    id: 'bribe-land-certificate',
    kind: 'denunciation',
    domain: 'land',
    classification: 'corruption',
    sensitiveTags: ['land'],
    weight: 10,
    massWeight: 0,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'official',
      level: 'commune',
      description: f.official.post,
      unitCode: 'economic-department',
      officialName: f.official.fullName,
    }),
    summaries: [
      (f) =>
        `Tố cáo ${f.official.post} ${f.official.fullName} nhận tiền của người dân để làm thủ tục cấp Giấy chứng nhận quyền sử dụng đất`,
      (f) =>
        `Tố cáo ${who(f.official)} (${f.official.post}) đòi ${f.bribe} đồng "chi phí" mới giải quyết hồ sơ đất đai`,
      (f) =>
        `Tố cáo hành vi nhũng nhiễu, vòi tiền người dân ${f.hamletText} khi làm sổ đỏ của ${who(f.official)}`,
    ],
    content: (f) =>
      `Tháng ${f.month}/${f.year}, khi làm thủ tục cấp Giấy chứng nhận quyền sử dụng đất, ${f.official.post} ${f.official.fullName} nói hồ sơ "vướng" và yêu cầu đưa ${f.bribe} đồng để "lo" cho nhanh. Nhiều hộ ở ${f.hamletText} cũng bị yêu cầu tương tự; hộ nào đưa tiền thì hồ sơ được giải quyết ngay trong tuần.`,
    request: () =>
      `Đề nghị cơ quan có thẩm quyền xác minh, xử lý nghiêm hành vi trên và giữ bí mật thông tin của người tố cáo.`,
  },
  {
    id: 'road-construction-fraud',
    kind: 'denunciation',
    domain: 'construction-order',
    classification: 'corruption',
    sensitiveTags: [],
    weight: 8,
    massWeight: 6,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'body',
      level: 'commune',
      description: `Ban quản lý và đơn vị thi công công trình đường bê tông ${f.road}`,
      unitCode: 'economic-department',
    }),
    summaries: [
      (f) =>
        `Tố cáo sai phạm trong thi công tuyến đường bê tông ${f.road}: bớt xén vật liệu, mặt đường mỏng hơn thiết kế`,
      (f) =>
        `Tố cáo đơn vị thi công và giám sát công trình đường giao thông nông thôn ${f.road} làm sai thiết kế, nghiệm thu khống khối lượng`,
      (f) => `Tố cáo công trình đường ${f.road} mới làm đã nứt vỡ do rút ruột vật liệu`,
    ],
    content: (f) =>
      `Công trình đường bê tông ${f.road} dài khoảng ${f.roadLength} m, khởi công tháng ${f.month}/${f.year}, có sự đóng góp của nhân dân. Người dân chứng kiến đơn vị thi công trộn bê tông ít xi măng, mặt đường chỗ dày chỉ khoảng 12 cm trong khi thiết kế 18 cm, không có giám sát cộng đồng tại hiện trường. Mới sử dụng vài tháng, đường đã nứt, bong tróc nhiều đoạn.`,
    request: () =>
      `Đề nghị thanh tra, khoan kiểm tra chiều dày mặt đường, xác định khối lượng nghiệm thu và xử lý trách nhiệm của các cá nhân, đơn vị liên quan.`,
  },
  {
    id: 'public-land-encroachment',
    kind: 'denunciation',
    domain: 'land',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    weight: 9,
    massWeight: 3,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `Hộ ${who(f.neighbour)} lấn chiếm đất công tại ${f.hamlet.name}`,
    }),
    summaries: [
      (f) =>
        `Tố cáo hộ ${who(f.neighbour)} lấn chiếm đất hành lang giao thông, đất công tại ${f.hamletText} để xây dựng công trình`,
      (f) =>
        `Tố cáo việc lấn chiếm khoảng ${f.smallArea} m² đất công cạnh nhà văn hóa ${f.hamletText} của hộ ${who(f.neighbour)}`,
      (f) => `Tố cáo hộ ${who(f.neighbour)} tự ý san lấp, rào đất công ở ${f.hamletText}`,
    ],
    content: (f) =>
      `Từ tháng ${f.month}/${f.year}, hộ ${who(f.neighbour)} ở ${f.hamletText} tự ý đổ đất, xây tường rào bao chiếm khoảng ${f.smallArea} m² đất công do UBND xã quản lý, lấn vào hành lang an toàn đường giao thông. Người dân đã báo trưởng thôn nhưng không được xử lý, công trình vẫn tiếp tục xây dựng.`,
    request: () =>
      `Đề nghị UBND xã kiểm tra, lập biên bản, buộc tháo dỡ công trình và trả lại hiện trạng đất công.`,
  },
  {
    id: 'official-harassment',
    kind: 'denunciation',
    domain: 'civil-service',
    classification: 'administrative.civil_service',
    sensitiveTags: [],
    weight: 8,
    massWeight: 0,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'official',
      level: 'commune',
      description: f.official.post,
      unitCode: 'public-service-centre',
      officialName: f.official.fullName,
    }),
    summaries: [
      (f) =>
        `Tố cáo ${f.official.post} ${f.official.fullName} hách dịch, gây phiền hà, sách nhiễu người dân khi giải quyết thủ tục hành chính`,
      (f) =>
        `Tố cáo cán bộ ${f.official.fullName} nhiều lần hẹn lại, đòi giấy tờ không cần thiết, nói năng thiếu chuẩn mực với người dân`,
    ],
    content: (f) =>
      `Khi người dân đến làm thủ tục chứng thực và đăng ký hộ tịch, ${f.official.post} ${f.official.fullName} nhiều lần hẹn lại không có lý do, đòi nộp thêm giấy tờ không có trong quy định, quát mắng người dân ngay tại bộ phận một cửa. Nhiều người dân ${f.hamletText} cũng gặp tình trạng tương tự.`,
    request: () =>
      `Đề nghị Chủ tịch UBND xã xác minh, xử lý nghiêm và chấn chỉnh tác phong, lề lối làm việc của cán bộ.`,
  },
  {
    id: 'poor-list-favouritism',
    kind: 'denunciation',
    domain: 'social-policy',
    classification: 'administrative.policy',
    sensitiveTags: [],
    weight: 6,
    massWeight: 3,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'official',
      level: 'commune',
      description: `Trưởng thôn ${f.hamlet.name}`,
      officialName: f.official.fullName,
    }),
    summaries: [
      (f) =>
        `Tố cáo Trưởng thôn ${f.hamletText} ${f.official.fullName} lập danh sách hỗ trợ nhà ở không đúng đối tượng, đưa người thân vào danh sách`,
      (f) => `Tố cáo sai phạm trong bình xét hỗ trợ xóa nhà tạm cho hộ nghèo tại ${f.hamletText}`,
    ],
    content: (f) =>
      `Trong đợt bình xét hỗ trợ xóa nhà tạm, nhà dột nát năm ${f.year}, Trưởng thôn ${f.hamletText} là ${who(f.official)} tự ý đưa ${f.count} hộ là người thân, đã có nhà kiên cố vào danh sách đề nghị hỗ trợ, trong khi nhiều hộ thực sự khó khăn không được đưa vào. Biên bản họp thôn có chữ ký của những người không dự họp.`,
    request: () => `Đề nghị kiểm tra lại danh sách, xử lý người vi phạm và bảo đảm hỗ trợ đúng đối tượng.`,
  },
  {
    id: 'illegal-sand-mining',
    kind: 'denunciation',
    domain: 'environment',
    classification: 'administrative.other',
    sensitiveTags: ['environment'],
    weight: 5,
    massWeight: 4,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `Khai thác khoáng sản trái phép tại ${f.quarry}, ${f.hamlet.name}`,
    }),
    summaries: [
      (f) =>
        `Tố cáo việc khai thác cát sỏi, đất san lấp trái phép tại ${f.quarry} thuộc ${f.hamletText}, gây sạt lở đất canh tác`,
      (f) => `Tố cáo ${f.quarry} ở ${f.hamletText} hoạt động không phép vào ban đêm, làm sạt lở bờ suối`,
    ],
    content: (f) =>
      `Khoảng ${f.monthsCount} tháng nay, tại ${f.quarry} thuộc ${f.hamletText} có máy xúc, xe tải khai thác cát sỏi, đất san lấp vào ban đêm, không có biển báo, không có giấy phép. Bờ suối bị sạt lở, ruộng của nhiều hộ bị cuốn trôi, đường liên thôn bị xe quá tải làm hư hỏng.`,
    request: () =>
      `Đề nghị UBND xã và Công an xã kiểm tra, ngăn chặn, xử lý nghiêm hành vi khai thác khoáng sản trái phép.`,
  },
  {
    id: 'chairman-public-land-lease',
    kind: 'denunciation',
    domain: 'land',
    classification: 'corruption',
    sensitiveTags: ['land'],
    weight: 1.5,
    massWeight: 1,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'official',
      level: 'commune',
      description: `Chủ tịch UBND xã ${f.commune.name}`,
      unitCode: 'committee-leadership',
      officialName: f.commune.chairman.fullName,
      isChairman: true,
    }),
    summaries: [
      (f) =>
        `Tố cáo Chủ tịch UBND xã ${f.commune.chairman.fullName} có dấu hiệu vụ lợi trong việc cho thuê đất công ích tại ${f.hamletText}`,
      (f) =>
        `Tố cáo ông Chủ tịch UBND xã cho thuê đất công ích 5% ở ${f.hamletText} không qua đấu giá, ưu ái người thân`,
    ],
    content: (f) =>
      `Năm ${f.year}, UBND xã cho một số hộ thuê khoảng ${f.area} m² đất công ích tại ${f.hamletText} không qua đấu giá, giá thuê thấp hơn nhiều so với thực tế; trong số hộ được thuê có người thân của Chủ tịch UBND xã ${f.commune.chairman.fullName}. Số tiền thu được không công khai trước nhân dân.`,
    request: () => `Đề nghị Chủ tịch UBND tỉnh chỉ đạo thanh tra, làm rõ và xử lý theo quy định.`,
  },
  {
    id: 'police-case-handling',
    kind: 'denunciation',
    domain: 'justice',
    classification: 'judicial',
    sensitiveTags: ['judicial_activity'],
    weight: 1.5,
    massWeight: 0,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'official',
      level: 'judicial',
      description: `Cán bộ Công an thụ lý tin báo về vụ gây thương tích tại ${f.hamlet.name}`,
      officialName: f.official.fullName,
    }),
    summaries: [
      (f) =>
        `Tố cáo cán bộ Công an ${f.official.fullName} làm sai lệch lời khai khi giải quyết tin báo về vụ gây thương tích tại ${f.hamletText}`,
      (f) =>
        `Tố cáo việc giải quyết không khách quan tin báo tố giác tội phạm về vụ xô xát tại ${f.hamletText}`,
    ],
    content: (f) =>
      `Ngày ${f.decisionDate}, con của ${f.I} bị đánh gây thương tích tại ${f.hamletText}. Khi lấy lời khai, cán bộ ${f.official.fullName} không ghi đúng lời trình bày của nhân chứng, gây sức ép buộc gia đình rút đơn; đến nay chưa có kết quả giải quyết tin báo.`,
    request: () =>
      `Đề nghị cơ quan có thẩm quyền kiểm tra, xác minh và giải quyết tin báo khách quan, đúng pháp luật.`,
  },
  {
    id: 'party-member-fund',
    kind: 'denunciation',
    domain: 'other',
    classification: 'party_mass_organisations',
    sensitiveTags: [],
    weight: 2,
    massWeight: 1,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'official',
      level: 'party',
      description: `Bí thư Chi bộ kiêm Trưởng thôn ${f.hamlet.name}`,
      officialName: f.official.fullName,
      unitCode: 'party-inspection-committee',
    }),
    summaries: [
      (f) =>
        `Tố cáo Bí thư Chi bộ ${f.hamletText} ${f.official.fullName} không công khai thu chi, sử dụng quỹ thôn vào việc riêng`,
      (f) =>
        `Tố cáo đảng viên ${f.official.fullName} (Chi bộ ${f.hamletText}) chiếm dụng quỹ đóng góp của nhân dân`,
    ],
    content: (f) =>
      `${cap(who(f.official))} là Bí thư Chi bộ kiêm Trưởng thôn ${f.hamletText}, giữ quỹ đóng góp của nhân dân nhưng không công khai thu chi từ năm ${f.sinceYear}, sử dụng khoảng ${f.amount} đồng vào việc riêng.`,
    request: () => `Đề nghị Ủy ban Kiểm tra Đảng ủy xã xem xét, xử lý theo quy định của Đảng.`,
  },
  {
    id: 'gambling-usury',
    kind: 'denunciation',
    domain: 'public-order',
    classification: 'other',
    sensitiveTags: [],
    weight: 4,
    massWeight: 2,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `Tổ chức đánh bạc, cho vay lãi nặng tại nhà ${who(f.owner)}, ${f.hamlet.name}`,
    }),
    summaries: [
      (f) => `Tố cáo một nhóm người tổ chức đánh bạc, cho vay nặng lãi tại ${f.hamletText}`,
      (f) =>
        `Tố cáo hoạt động cho vay lãi cao, đòi nợ bằng đe dọa ở ${f.hamletText}, tụ tập tại nhà ${who(f.owner)}`,
    ],
    content: (f) =>
      `Thời gian gần đây, tại ${f.hamletText} có một nhóm người từ nơi khác đến tổ chức đánh bạc tại nhà ${who(f.owner)}, đồng thời cho người dân vay tiền với lãi 3.000 đồng/triệu/ngày; ai chậm trả thì bị đến nhà đe dọa, ném chất bẩn.`,
    request: () => `Đề nghị Công an xã điều tra, ngăn chặn, xử lý nghiêm để bảo đảm an ninh trật tự.`,
  },
];

const RECOMMENDATIONS: MatterTemplate[] = [
  {
    id: 'land-certificate-first',
    kind: 'recommendation',
    domain: 'land',
    classification: 'land',
    sensitiveTags: ['land'],
    weight: 12,
    massWeight: 1,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị xem xét cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet} tại ${f.hamletText}`,
      (f) =>
        `Đề nghị UBND xã xác nhận nguồn gốc và cấp sổ đỏ cho ${f.area} m² đất ${f.family} sử dụng từ năm ${f.sinceYear} ở ${f.hamletText}`,
      (f) =>
        `Kiến nghị giải quyết hồ sơ cấp Giấy chứng nhận quyền sử dụng đất nộp từ tháng ${f.month}/${f.year}, thửa số ${f.parcel}, nhưng chưa có kết quả`,
    ],
    content: (f) =>
      `${cap(f.family)} sử dụng ${f.area} m² đất tại thửa số ${f.parcel}, tờ bản đồ số ${f.mapSheet}, ${f.hamletText} từ năm ${f.sinceYear}, không tranh chấp, đóng thuế đầy đủ. Hồ sơ đề nghị cấp Giấy chứng nhận nộp từ tháng ${f.month}/${f.year} đến nay chưa có kết quả, không được thông báo lý do.`,
    request: () =>
      `Kính đề nghị UBND xã chỉ đạo giải quyết hồ sơ, cấp Giấy chứng nhận quyền sử dụng đất theo quy định.`,
  },
  {
    id: 'land-use-conversion',
    kind: 'recommendation',
    domain: 'land',
    classification: 'land',
    sensitiveTags: ['land'],
    weight: 7,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị cho chuyển mục đích sử dụng ${f.smallArea} m² đất trồng cây lâu năm sang đất ở tại ${f.hamletText} để làm nhà cho con`,
      (f) =>
        `Đề nghị điều chỉnh kế hoạch sử dụng đất, cho chuyển đất trồng cây lâu năm sang đất ở, thửa số ${f.parcel}, ${f.hamletText}`,
    ],
    content: (f) =>
      `${cap(f.family)} có ${f.area} m² đất trồng cây lâu năm liền kề đất ở tại thửa số ${f.parcel}, ${f.hamletText}. Con ${f.I} đã lập gia đình, chưa có chỗ ở. Hồ sơ xin chuyển mục đích chưa được giải quyết vì thửa đất chưa có trong kế hoạch sử dụng đất hằng năm.`,
    request: (f) =>
      `Đề nghị UBND xã đưa thửa đất vào kế hoạch sử dụng đất năm ${f.year + 1} và cho chuyển mục đích ${f.smallArea} m² sang đất ở.`,
  },
  {
    id: 'veterans-policy',
    kind: 'recommendation',
    domain: 'social-policy',
    classification: 'policy',
    sensitiveTags: [],
    weight: 7,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị xem xét giải quyết chế độ cho ${f.relative} là người tham gia kháng chiến bị nhiễm chất độc hóa học`,
      (f) => `Đề nghị hướng dẫn, hoàn thiện hồ sơ hưởng chế độ người có công với cách mạng cho ${f.relative}`,
    ],
    content: (f) =>
      `${cap(f.relative)} tham gia kháng chiến từ năm 1972 đến năm 1976, hiện bị bệnh tật kéo dài, các con sinh ra bị dị tật. Gia đình đã nộp hồ sơ từ tháng ${f.month}/${f.year} nhưng chưa được hướng dẫn bổ sung giấy tờ còn thiếu.`,
    request: (f) =>
      `Đề nghị UBND xã hướng dẫn hoàn thiện hồ sơ và đề nghị cấp có thẩm quyền giải quyết chế độ cho ${f.relative}.`,
  },
  {
    id: 'housing-support',
    kind: 'recommendation',
    domain: 'social-policy',
    classification: 'policy',
    sensitiveTags: [],
    weight: 6,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) => `Kiến nghị hỗ trợ xóa nhà tạm, nhà dột nát cho ${f.family} là hộ nghèo tại ${f.hamletText}`,
      (f) =>
        `Đề nghị xét hỗ trợ kinh phí sửa chữa nhà ở cho ${f.family}, hộ nghèo có hoàn cảnh khó khăn ở ${f.hamletText}`,
    ],
    content: (f) =>
      `${cap(f.family)} là hộ nghèo, có ${f.members} nhân khẩu, đang ở trong căn nhà tranh tre xây dựng từ năm ${f.sinceYear}, mái dột, tường nứt, mùa mưa bão rất nguy hiểm.`,
    request: () => `Kính đề nghị UBND xã xem xét đưa vào danh sách hỗ trợ xóa nhà tạm, nhà dột nát năm tới.`,
  },
  {
    id: 'road-investment',
    kind: 'recommendation',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 8,
    massWeight: 8,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị đầu tư sửa chữa tuyến đường ${f.road} xuống cấp nghiêm trọng, mùa mưa lầy lội, học sinh đi lại khó khăn`,
      (f) => `Đề nghị nâng cấp, bê tông hóa đường ${f.road} dài khoảng ${f.roadLength} m`,
      (f) => `Kiến nghị làm lại đường ${f.road}, nhân dân ${f.hamletText} sẵn sàng đóng góp ngày công`,
    ],
    content: (f) =>
      `Tuyến đường ${f.road} dài khoảng ${f.roadLength} m là đường đất, nhiều đoạn sụt lún, mùa mưa lầy lội, xe cứu thương không vào được, học sinh phải đi vòng xa.`,
    request: () =>
      `Đề nghị UBND xã đưa tuyến đường vào kế hoạch đầu tư công năm tới; nhân dân sẵn sàng hiến đất, đóng góp ngày công.`,
  },
  {
    id: 'clean-water',
    kind: 'recommendation',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 5,
    massWeight: 6,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị đầu tư công trình nước sạch tập trung cho ${f.hamletText}, nhiều giếng khoan nhiễm đá vôi, nhiễm sắt`,
      (f) => `Đề nghị kéo đường ống nước sạch về ${f.hamletText}`,
    ],
    content: (f) =>
      `Người dân ${f.hamletText} dùng nước giếng khoan, nước có váng, nhiễm đá vôi, nhiều người mắc bệnh sỏi thận. Đường ống cấp nước của xã mới đến trung tâm, cách thôn khoảng ${f.roadLength} m.`,
    request: () => `Đề nghị UBND xã kiến nghị cấp trên đầu tư kéo dài đường ống cấp nước sạch về thôn.`,
  },
  {
    id: 'street-lighting',
    kind: 'recommendation',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 3,
    massWeight: 2,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Kiến nghị lắp đặt hệ thống đèn chiếu sáng đường liên thôn đoạn qua ${f.hamletText}`,
      (f) =>
        `Đề nghị lắp đèn đường đoạn liên thôn qua ${f.hamletText}, nơi đã xảy ra ${f.count} vụ va chạm giao thông`,
    ],
    content: (f) =>
      `Đoạn đường liên thôn qua ${f.hamletText} không có đèn chiếu sáng, buổi tối tối om; trong năm đã xảy ra ${f.count} vụ va chạm giao thông.`,
    request: () => `Đề nghị UBND xã bố trí kinh phí lắp đặt đèn chiếu sáng công cộng.`,
  },
  {
    id: 'ethnic-health-insurance',
    kind: 'recommendation',
    domain: 'ethnic-affairs',
    classification: 'policy',
    sensitiveTags: ['ethnicity'],
    weight: 3,
    massWeight: 2,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị tiếp tục cấp thẻ bảo hiểm y tế cho người dân tộc thiểu số ${f.hamletText} sau khi thôn ra khỏi diện đặc biệt khó khăn`,
      (f) =>
        `Đề nghị xem xét chính sách hỗ trợ đóng bảo hiểm y tế cho đồng bào dân tộc thiểu số ở ${f.hamletText}`,
    ],
    content: (f) =>
      `Từ năm ${f.year}, ${f.hamletText} không còn thuộc diện thôn đặc biệt khó khăn nên nhiều hộ đồng bào Tày, Nùng, Dao bị dừng cấp thẻ bảo hiểm y tế miễn phí, trong khi thu nhập vẫn thấp, không đủ tiền mua thẻ.`,
    request: () =>
      `Đề nghị UBND xã kiến nghị cấp trên có chính sách hỗ trợ chuyển tiếp đóng bảo hiểm y tế cho các hộ này.`,
  },
  {
    id: 'school-repair',
    kind: 'recommendation',
    domain: 'health-education',
    classification: 'policy',
    sensitiveTags: [],
    weight: 3,
    massWeight: 3,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) => `Kiến nghị sửa chữa điểm trường mầm non ${f.hamletText} đã xuống cấp, mái dột`,
      (f) => `Đề nghị bố trí thêm giáo viên và sửa chữa phòng học tại điểm trường ${f.hamletText}`,
    ],
    content: (f) =>
      `Điểm trường mầm non ${f.hamletText} có ${f.count} lớp, xây dựng từ năm ${f.sinceYear}, mái ngói dột, tường thấm nước, sân trường lầy lội; một cô giáo phải trông hai lớp ghép.`,
    request: () => `Đề nghị UBND xã bố trí kinh phí sửa chữa và đề nghị bổ sung giáo viên cho điểm trường.`,
  },
  {
    id: 'retrial-request',
    kind: 'recommendation',
    domain: 'justice',
    classification: 'judicial',
    sensitiveTags: ['judicial_activity'],
    weight: 1.5,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Kiến nghị xem xét lại theo thủ tục giám đốc thẩm Bản án dân sự số ${f.caseNo} về tranh chấp quyền sử dụng đất`,
      (f) =>
        `Đề nghị hướng dẫn thủ tục đề nghị giám đốc thẩm bản án tranh chấp đất với hộ ${who(f.neighbour)} (Bản án ${f.caseNo})`,
    ],
    content: (f) =>
      `Bản án số ${f.caseNo} xử tranh chấp quyền sử dụng đất giữa ${f.family} và hộ ${who(f.neighbour)} đã có hiệu lực, nhưng Tòa án không xem xét biên bản đo đạc năm ${f.sinceYear} do ${f.family} cung cấp.`,
    request: () =>
      `Đề nghị hướng dẫn, chuyển đơn đến cơ quan có thẩm quyền xem xét theo thủ tục giám đốc thẩm.`,
  },
  {
    id: 'religious-venue-repair',
    kind: 'recommendation',
    domain: 'religion',
    classification: 'other',
    sensitiveTags: ['religion'],
    weight: 1,
    massWeight: 1,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) => `Kiến nghị cho phép sửa chữa nhà sinh hoạt tôn giáo của điểm nhóm tại ${f.hamletText}`,
      (f) => `Đề nghị hướng dẫn thủ tục sửa chữa, cải tạo nơi sinh hoạt tôn giáo tập trung ở ${f.hamletText}`,
    ],
    content: (f) =>
      `Điểm nhóm sinh hoạt tôn giáo tập trung tại ${f.hamletText} đã được đăng ký, nhà sinh hoạt xây từ năm ${f.sinceYear} nay xuống cấp. Tín đồ muốn sửa mái, lát lại nền nhưng chưa rõ thủ tục.`,
    request: () => `Đề nghị UBND xã hướng dẫn thủ tục và xem xét chấp thuận việc sửa chữa.`,
  },
];

const REFLECTIONS: MatterTemplate[] = [
  {
    id: 'pig-farm-pollution',
    kind: 'reflection',
    domain: 'environment',
    classification: 'other',
    sensitiveTags: ['environment'],
    weight: 10,
    massWeight: 10,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `${cap(f.business)} của hộ ${who(f.owner)}, ${f.hamlet.name}`,
    }),
    summaries: [
      (f) =>
        `Phản ánh ${f.business} của hộ ${who(f.owner)} tại ${f.hamletText} xả nước thải chưa qua xử lý ra mương, gây mùi hôi thối`,
      (f) =>
        `Phản ánh ô nhiễm môi trường từ ${f.business} quy mô khoảng ${f.scale} con của hộ ${who(f.owner)} (${f.hamletText})`,
      (f) =>
        `Phản ánh mùi hôi, ruồi nhặng từ ${f.business} ở ${f.hamletText} ảnh hưởng sinh hoạt của các hộ xung quanh`,
    ],
    content: (f) =>
      `${cap(f.business)} của hộ ${who(f.owner)} ở ${f.hamletText} nuôi khoảng ${f.scale} con, hầm biogas quá tải, nước thải chảy thẳng ra mương thoát nước chung và ruộng lúa. Mùi hôi bốc lên nhất là khi trời nồm, ruồi muỗi nhiều, nhiều hộ phải đóng cửa cả ngày; nước giếng của một số hộ có mùi lạ.`,
    request: () =>
      `Đề nghị UBND xã kiểm tra, yêu cầu chủ trại xử lý chất thải đạt chuẩn, xử phạt nếu vi phạm và buộc di dời nếu không khắc phục.`,
  },
  {
    id: 'brick-kiln-smoke',
    kind: 'reflection',
    domain: 'environment',
    classification: 'other',
    sensitiveTags: ['environment'],
    weight: 5,
    massWeight: 8,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `${cap(f.kiln)} của hộ ${who(f.owner)}, ${f.hamlet.name}`,
    }),
    summaries: [
      (f) =>
        `Phản ánh ${f.kiln} tại ${f.hamletText} đốt than, củi gây khói bụi, ảnh hưởng sức khỏe và hoa màu`,
      (f) => `Phản ánh khói bụi từ ${f.kiln} của hộ ${who(f.owner)}, ${f.hamletText}`,
    ],
    content: (f) =>
      `${cap(f.kiln)} của hộ ${who(f.owner)} tại ${f.hamletText} đốt lò liên tục, khói đen bao trùm khu dân cư, lúa và rau màu xung quanh bị cháy lá, nhiều trẻ nhỏ bị ho kéo dài.`,
    request: () =>
      `Đề nghị UBND xã kiểm tra, đình chỉ hoạt động của lò và yêu cầu chuyển đổi công nghệ theo quy định.`,
  },
  {
    id: 'boundary-encroachment',
    kind: 'reflection',
    domain: 'land',
    classification: 'land',
    sensitiveTags: ['land'],
    weight: 10,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `Hộ ${who(f.neighbour)} xây tường rào lấn đất thửa số ${f.parcel}, tờ bản đồ số ${f.mapSheet}`,
    }),
    summaries: [
      (f) =>
        `Phản ánh hộ ${who(f.neighbour)} xây tường rào lấn sang đất của ${f.family} khoảng ${f.smallArea} m² tại ${f.hamletText}`,
      (f) =>
        `Phản ánh tranh chấp ranh giới đất với hộ liền kề ${who(f.neighbour)} ở ${f.hamletText}, đề nghị đo đạc lại mốc giới`,
      (f) =>
        `Phản ánh việc hộ ${who(f.neighbour)} tự ý dịch chuyển mốc giới, lấn chiếm đất thửa số ${f.parcel} của ${f.family}`,
    ],
    content: (f) =>
      `${cap(f.family)} sử dụng thửa đất số ${f.parcel}, tờ bản đồ số ${f.mapSheet} tại ${f.hamletText}, đã được cấp Giấy chứng nhận quyền sử dụng đất. Tháng ${f.month}/${f.year}, hộ ${who(f.neighbour)} liền kề phá bỏ hàng rào cũ, xây tường mới lấn sang khoảng ${f.smallArea} m². ${cap(f.family)} đã báo trưởng thôn, hòa giải ở thôn không thành.`,
    request: () =>
      `Đề nghị UBND xã cử cán bộ đo đạc, xác định lại mốc giới và yêu cầu hộ liền kề trả lại phần đất lấn chiếm.`,
  },
  {
    id: 'hill-excavation',
    kind: 'reflection',
    domain: 'land',
    classification: 'land',
    sensitiveTags: ['land', 'environment'],
    weight: 4,
    massWeight: 3,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Phản ánh việc đào, san gạt đất đồi trái phép tại ${f.hamletText}, đất đá tràn xuống ruộng`,
      (f) => `Phản ánh khai thác đất đồi làm vật liệu san lấp không phép ở ${f.hamletText}`,
    ],
    content: (f) =>
      `Khoảng ${f.monthsCount} tháng nay, tại khu đồi thuộc ${f.hamletText} có máy xúc đào, san gạt đất đồi, chở đi bán làm vật liệu san lấp. Mưa xuống, đất đá tràn xuống ruộng, lấp mương nội đồng.`,
    request: () => `Đề nghị UBND xã kiểm tra, đình chỉ và xử lý hành vi khai thác đất trái phép.`,
  },
  {
    id: 'noise',
    kind: 'reflection',
    domain: 'public-order',
    classification: 'other',
    sensitiveTags: [],
    weight: 5,
    massWeight: 3,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Phản ánh ${f.noisy} ở ${f.hamletText} hoạt động đến khuya gây tiếng ồn`,
      (f) => `Phản ánh tiếng ồn kéo dài từ ${f.noisy} của hộ ${who(f.owner)}, ${f.hamletText}`,
    ],
    content: (f) =>
      `${cap(f.noisy)} của hộ ${who(f.owner)} tại ${f.hamletText} hoạt động từ sáng sớm đến quá 23 giờ, tiếng ồn lớn ảnh hưởng giấc ngủ của người già, trẻ nhỏ và việc học của học sinh.`,
    request: () => `Đề nghị UBND xã, Công an xã kiểm tra, nhắc nhở và xử lý theo quy định.`,
  },
  {
    id: 'damaged-road',
    kind: 'reflection',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 6,
    massWeight: 4,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Phản ánh đường ${f.road} hư hỏng nặng, nhiều ổ gà, mùa mưa ngập nước`,
      (f) => `Phản ánh xe tải chở vật liệu làm hỏng đường ${f.road}`,
    ],
    content: (f) =>
      `Đường ${f.road} thường xuyên có xe tải trọng lớn chở vật liệu chạy qua, mặt đường bê tông vỡ nhiều đoạn, ổ gà sâu, trời mưa ngập nước, đã có người đi xe máy bị ngã.`,
    request: () => `Đề nghị UBND xã kiểm tra, hạn chế xe quá tải và sửa chữa mặt đường.`,
  },
  {
    id: 'blocked-drainage',
    kind: 'reflection',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 4,
    massWeight: 4,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Phản ánh mương thoát nước bị lấp gây ngập úng ruộng tại ${f.hamletText}`,
      (f) => `Phản ánh việc san lấp mương tiêu nội đồng ở ${f.hamletText} làm ngập lúa`,
    ],
    content: (f) =>
      `Hộ ${who(f.neighbour)} san lấp đoạn mương tiêu nội đồng để làm lối đi, nước không thoát được, khoảng ${f.area} m² lúa của các hộ ${f.hamletText} bị ngập úng sau mỗi trận mưa.`,
    request: () => `Đề nghị UBND xã yêu cầu khơi thông mương tiêu và xử lý hành vi san lấp.`,
  },
  {
    id: 'water-outage',
    kind: 'reflection',
    domain: 'other',
    classification: 'other',
    sensitiveTags: [],
    weight: 4,
    massWeight: 3,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Phản ánh nước sinh hoạt tại ${f.hamletText} bị mất nhiều ngày, nước có màu vàng, mùi tanh`,
      (f) => `Phản ánh công trình cấp nước sinh hoạt ${f.hamletText} hoạt động không ổn định`,
    ],
    content: (f) =>
      `Từ đầu tháng ${f.month}, công trình cấp nước tập trung của ${f.hamletText} thường xuyên mất nước, có ngày không có nước; khi có thì nước màu vàng, mùi tanh, không dùng để nấu ăn được.`,
    request: () => `Đề nghị UBND xã yêu cầu đơn vị quản lý kiểm tra, sửa chữa và xét nghiệm chất lượng nước.`,
  },
  {
    id: 'late-allowance',
    kind: 'reflection',
    domain: 'social-policy',
    classification: 'policy',
    sensitiveTags: [],
    weight: 6,
    massWeight: 1,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Phản ánh việc chậm chi trả trợ cấp xã hội tháng ${f.month} cho ${f.relative} và người cao tuổi ở ${f.hamletText}`,
      (f) =>
        `Phản ánh ${f.relative} chưa nhận được trợ cấp xã hội tháng ${f.month}, chuyển sang chi trả qua tài khoản nhưng không được hướng dẫn`,
    ],
    content: (f) =>
      `Trợ cấp xã hội hằng tháng của ${f.relative} và nhiều người cao tuổi ở ${f.hamletText} tháng ${f.month} đến nay chưa nhận được; khi hỏi thì được trả lời là đang chuyển sang chi trả qua tài khoản nhưng không ai hướng dẫn mở tài khoản.`,
    request: () => `Đề nghị UBND xã kiểm tra, chi trả kịp thời và hướng dẫn người cao tuổi nhận trợ cấp.`,
  },
  {
    id: 'illegal-construction',
    kind: 'reflection',
    domain: 'construction-order',
    classification: 'other',
    sensitiveTags: [],
    weight: 6,
    massWeight: 1,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({
      type: 'act',
      level: 'other',
      description: `Hộ ${who(f.neighbour)} xây dựng trên đất nông nghiệp tại ${f.hamlet.name}`,
    }),
    summaries: [
      (f) =>
        `Phản ánh hộ ${who(f.neighbour)} xây nhà kiên cố trên đất nông nghiệp tại ${f.hamletText} khi chưa được chuyển mục đích`,
      (f) => `Phản ánh công trình xây dựng trái phép trên đất lúa ở ${f.hamletText} nhưng chưa bị xử lý`,
    ],
    content: (f) =>
      `Hộ ${who(f.neighbour)} đang xây nhà hai tầng khoảng ${f.smallArea} m² trên đất trồng lúa tại ${f.hamletText}. Người dân đã báo thôn nhưng công trình vẫn thi công cả ngày nghỉ.`,
    request: () => `Đề nghị UBND xã kiểm tra, lập biên bản, đình chỉ thi công và xử lý theo quy định.`,
  },
  {
    id: 'one-stop-conduct',
    kind: 'reflection',
    domain: 'civil-service',
    classification: 'other',
    sensitiveTags: [],
    weight: 4,
    massWeight: 0,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Phản ánh cán bộ Trung tâm Phục vụ hành chính công xã trả hồ sơ đất đai trễ hẹn ${f.monthsCount} tuần, thái độ thiếu tôn trọng`,
      (f) =>
        `Phản ánh việc giải quyết hồ sơ đăng ký biến động đất đai trễ hẹn ${f.monthsCount} tuần tại bộ phận một cửa của xã, cán bộ trả lời thiếu tôn trọng`,
    ],
    content: (f) =>
      `Hồ sơ đăng ký biến động đất đai nộp tại Trung tâm Phục vụ hành chính công xã đã quá hẹn ${f.monthsCount} tuần, không có văn bản xin lỗi, hẹn lại; cán bộ trả lời thiếu tôn trọng khi người dân hỏi.`,
    request: () => `Đề nghị lãnh đạo UBND xã chấn chỉnh và trả kết quả đúng hẹn.`,
  },
  {
    id: 'wage-arrears',
    kind: 'reflection',
    domain: 'labour-employment',
    classification: 'policy',
    sensitiveTags: ['labour_policy'],
    weight: 3,
    massWeight: 8,
    anonymousOk: true,
    learnedOfDecision: false,
    respondent: (f) => ({ type: 'body', level: 'other', description: f.employer }),
    summaries: [
      (f) =>
        `Phản ánh ${f.employer} nợ lương ${f.monthsCount} tháng, không đóng bảo hiểm xã hội cho người lao động`,
      (f) =>
        `Phản ánh việc ${f.employer} chậm trả lương, chưa chốt sổ bảo hiểm xã hội cho công nhân là người địa phương`,
    ],
    content: (f) =>
      `${f.employer} có khoảng ${f.count * 10} công nhân là người ${f.hamletText} và các thôn lân cận. Công ty nợ lương ${f.monthsCount} tháng, trích tiền bảo hiểm xã hội của người lao động nhưng không nộp, người nghỉ việc không chốt được sổ.`,
    request: () =>
      `Đề nghị UBND xã phối hợp cơ quan có thẩm quyền kiểm tra, yêu cầu công ty trả lương và đóng bảo hiểm xã hội.`,
  },
  {
    id: 'unregistered-religious-gathering',
    kind: 'reflection',
    domain: 'religion',
    classification: 'other',
    sensitiveTags: ['religion'],
    weight: 1,
    massWeight: 1,
    anonymousOk: true,
    learnedOfDecision: false,
    summaries: [
      (f) => `Phản ánh việc tụ tập sinh hoạt tôn giáo tại nhà riêng ở ${f.hamletText} khi chưa đăng ký`,
      (f) => `Phản ánh một số người từ nơi khác đến ${f.hamletText} tổ chức sinh hoạt tôn giáo chưa đăng ký`,
    ],
    content: (f) =>
      `Vào các tối cuối tuần, khoảng ${f.count * 5} người tụ tập tại nhà ${who(f.owner)} ở ${f.hamletText} để sinh hoạt tôn giáo, mở loa to; theo người dân được biết, nhóm chưa đăng ký sinh hoạt tôn giáo tập trung.`,
    request: () => `Đề nghị UBND xã kiểm tra, hướng dẫn thực hiện đúng quy định về tín ngưỡng, tôn giáo.`,
  },
  {
    id: 'court-delay',
    kind: 'reflection',
    domain: 'justice',
    classification: 'judicial',
    sensitiveTags: ['judicial_activity'],
    weight: 1,
    massWeight: 0,
    anonymousOk: false,
    learnedOfDecision: false,
    summaries: [
      (f) =>
        `Phản ánh việc Tòa án nhân dân khu vực chậm đưa vụ án tranh chấp đất với hộ ${who(f.neighbour)} ra xét xử`,
      (f) => `Phản ánh vụ án tranh chấp quyền sử dụng đất thửa số ${f.parcel} kéo dài, chưa được xét xử`,
    ],
    content: (f) =>
      `Tòa án nhân dân khu vực thụ lý vụ án tranh chấp quyền sử dụng đất thửa số ${f.parcel} giữa ${f.family} và hộ ${who(f.neighbour)} từ tháng ${f.month}/${f.year}, đã quá thời hạn chuẩn bị xét xử nhưng chưa mở phiên tòa.`,
    request: () => `Đề nghị chuyển phản ánh đến cơ quan có thẩm quyền để xem xét, đôn đốc.`,
  },
];

/** Every template, all kinds. */
export const MATTER_TEMPLATES: readonly MatterTemplate[] = [
  ...COMPLAINTS,
  ...DENUNCIATIONS,
  ...RECOMMENDATIONS,
  ...REFLECTIONS,
];

/** The title a letter of each kind carries. */
export const LETTER_TITLES: Record<PetitionKind, string> = {
  complaint: 'ĐƠN KHIẾU NẠI',
  denunciation: 'ĐƠN TỐ CÁO',
  recommendation: 'ĐƠN KIẾN NGHỊ',
  reflection: 'ĐƠN PHẢN ÁNH',
};
