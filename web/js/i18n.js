// The one label catalog of the UI: every visible label comes from here, in English and
// Vietnamese. Data (titles, names, sentences) is never translated.
const LABELS = {
  en: {
    switchTo: 'Tiếng Việt',
    navHome: 'Home', navGraph: 'Network', navTimeline: 'Timeline', navMatch: 'Matchmaking',
    navDocuments: 'Documents',
    search: 'Search', searchPlaceholder: 'Search names, topics… (vi / zh / en)',
    loading: 'Loading…', noResults: 'No results.', error: 'Error',
    documents: 'Documents', entities: 'Entities', events: 'Events', mentions: 'Mentions',
    languages: 'Languages', resultsFor: 'Results for', matchingEntities: 'Matching entities',
    aliases: 'Aliases by language', roles: 'Roles', fields: 'Technology fields',
    partners: 'Partners', eventsTimeline: 'Events timeline', sources: 'Source documents',
    alsoMatched: 'The name may also mean', kind: 'Kind', date: 'Date', type: 'Type',
    participants: 'Participants', place: 'Place', evidence: 'Evidence', openDocument: 'open',
    field: 'Field', country: 'Country', eventType: 'Event type', from: 'From', to: 'To',
    any: 'any', apply: 'Apply', nodes: 'nodes', edges: 'edges', bucket: 'Group by',
    year: 'year', month: 'month', count: 'Count',
    need: 'What do you need?', needPlaceholder: 'e.g. chip design training, green hydrogen pilot',
    askingCountry: 'Your country (optional)', findPartners: 'Find partners', score: 'score',
    reasons: 'Why', parsedFields: 'Fields understood', terms: 'Key terms',
    documentView: 'Document', recognised: 'Recognised in this page', source: 'Source',
    language: 'Language', published: 'Published', previous: 'Previous', next: 'Next',
    organization: 'organization', person: 'person', eventEvidence: 'event evidence',
    stats: 'Knowledge base',
    curation: 'Curation', editorSignIn: 'Sign in to correct this page',
    editorName: 'Your name', token: 'Write token', signIn: 'Sign in', signOut: 'Sign out',
    signedInAs: 'Signed in as', notSignedIn: 'sign in first', saving: 'Saving…', done: 'Done',
    rename: 'New display name', save: 'Save', addAlias: 'Another name for this entity',
    add: 'Add', mergeInto: 'Merge into entity id', merge: 'Merge',
    splitName: 'Name that is a different entity', split: 'Split off', reject: 'Reject',
  },
  vi: {
    switchTo: 'English',
    navHome: 'Trang chủ', navGraph: 'Mạng lưới', navTimeline: 'Dòng thời gian',
    navMatch: 'Kết nối đối tác', navDocuments: 'Tài liệu',
    search: 'Tìm', searchPlaceholder: 'Tìm tên, chủ đề… (vi / zh / en)',
    loading: 'Đang tải…', noResults: 'Không có kết quả.', error: 'Lỗi',
    documents: 'Tài liệu', entities: 'Thực thể', events: 'Sự kiện', mentions: 'Lượt nhắc',
    languages: 'Ngôn ngữ', resultsFor: 'Kết quả cho', matchingEntities: 'Thực thể phù hợp',
    aliases: 'Tên gọi theo ngôn ngữ', roles: 'Chức vụ', fields: 'Lĩnh vực công nghệ',
    partners: 'Đối tác', eventsTimeline: 'Các sự kiện theo thời gian', sources: 'Tài liệu nguồn',
    alsoMatched: 'Tên này cũng có thể là', kind: 'Loại', date: 'Ngày', type: 'Loại',
    participants: 'Bên tham gia', place: 'Địa điểm', evidence: 'Bằng chứng', openDocument: 'mở',
    field: 'Lĩnh vực', country: 'Quốc gia', eventType: 'Loại sự kiện', from: 'Từ', to: 'Đến',
    any: 'tất cả', apply: 'Áp dụng', nodes: 'nút', edges: 'cạnh', bucket: 'Nhóm theo',
    year: 'năm', month: 'tháng', count: 'Số lượng',
    need: 'Bạn cần gì?', needPlaceholder: 'ví dụ: đào tạo thiết kế chip, thí điểm hydro xanh',
    askingCountry: 'Quốc gia của bạn (không bắt buộc)', findPartners: 'Tìm đối tác',
    score: 'điểm', reasons: 'Lý do', parsedFields: 'Lĩnh vực nhận ra', terms: 'Từ khóa',
    documentView: 'Tài liệu', recognised: 'Nhận diện trong trang này', source: 'Nguồn',
    language: 'Ngôn ngữ', published: 'Ngày đăng', previous: 'Trước', next: 'Sau',
    organization: 'tổ chức', person: 'cá nhân', eventEvidence: 'câu bằng chứng sự kiện',
    stats: 'Cơ sở tri thức',
    curation: 'Hiệu đính', editorSignIn: 'Đăng nhập để sửa trang này',
    editorName: 'Tên của bạn', token: 'Mã ghi', signIn: 'Đăng nhập', signOut: 'Đăng xuất',
    signedInAs: 'Đã đăng nhập:', notSignedIn: 'hãy đăng nhập trước', saving: 'Đang lưu…',
    done: 'Xong', rename: 'Tên hiển thị mới', save: 'Lưu', addAlias: 'Tên khác của thực thể này',
    add: 'Thêm', mergeInto: 'Gộp vào thực thể (id)', merge: 'Gộp',
    splitName: 'Tên thuộc về thực thể khác', split: 'Tách ra', reject: 'Loại bỏ',
  },
};

let current = localStorage.getItem('ketnoi.lang') === 'vi' ? 'vi' : 'en';

export function t(key) {
  return LABELS[current][key] ?? LABELS.en[key] ?? key;
}

export function uiLang() {
  return current;
}

export function toggleLang() {
  current = current === 'en' ? 'vi' : 'en';
  localStorage.setItem('ketnoi.lang', current);
  document.documentElement.lang = current;
}
