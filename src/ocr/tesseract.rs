//! Tesseract 5, loaded at run time from `libtesseract.so.5` through its C
//! API, so that plangloss runs (and warns) where Tesseract is not
//! installed, and pays for loading a language's model once per thread
//! instead of once per page as the `tesseract` program does.
//!
//! Measured on this machine (one 300 dpi A4 page, one core): the C API
//! takes 0.92–0.97 s a Vietnamese page and 1.18–1.22 s a Chinese one, after
//! 0.06–0.09 s to load the model once; the `tesseract` program takes 1.30 s
//! and 1.90 s (start-up, model and PNG decoding every page). OpenMP is
//! limited to one thread before the library loads: the batch's workers are
//! the parallelism, and Tesseract's own threads made a page 3.4× slower on
//! two busy cores.

use super::{Language, OcrError, PageImage};
use libloading::Library;
use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char, c_float, c_int, c_uchar, c_void};
use std::path::PathBuf;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How Tesseract is installed on Debian and Ubuntu, for the warning shown
/// where it is not.
pub const INSTALL_HINT: &str = "install Tesseract 5 with its Vietnamese and Chinese data \
     (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-chi-sim \
     tesseract-ocr-chi-tra)";

type Api = *mut c_void;
type Monitor = *mut c_void;

/// The C functions used, resolved once.
struct Functions {
    create: unsafe extern "C" fn() -> Api,
    delete: unsafe extern "C" fn(Api),
    init3: unsafe extern "C" fn(Api, *const c_char, *const c_char) -> c_int,
    set_variable: unsafe extern "C" fn(Api, *const c_char, *const c_char) -> c_int,
    set_page_seg_mode: unsafe extern "C" fn(Api, c_int),
    set_image: unsafe extern "C" fn(Api, *const c_uchar, c_int, c_int, c_int, c_int),
    set_source_resolution: unsafe extern "C" fn(Api, c_int),
    recognize: unsafe extern "C" fn(Api, Monitor) -> c_int,
    get_tsv_text: unsafe extern "C" fn(Api, c_int) -> *mut c_char,
    detect_orientation_script: unsafe extern "C" fn(
        Api,
        *mut c_int,
        *mut c_float,
        *mut *const c_char,
        *mut c_float,
    ) -> c_int,
    clear: unsafe extern "C" fn(Api),
    delete_text: unsafe extern "C" fn(*const c_char),
    monitor_create: unsafe extern "C" fn() -> Monitor,
    monitor_delete: unsafe extern "C" fn(Monitor),
    monitor_set_deadline: unsafe extern "C" fn(Monitor, c_int),
    version: unsafe extern "C" fn() -> *const c_char,
}

/// The loaded library: kept alive as long as the functions are used, that
/// is for the whole process.
struct Tesseract {
    _library: Library,
    functions: Functions,
}

static TESSERACT: LazyLock<Result<Tesseract, String>> = LazyLock::new(load);

/// The library names tried, newest first.
const LIBRARY_NAMES: [&str; 2] = ["libtesseract.so.5", "libtesseract.so"];

fn load() -> Result<Tesseract, String> {
    limit_openmp_threads();
    let mut last_error = String::new();
    for name in LIBRARY_NAMES {
        // SAFETY: libtesseract's initialisers only set up its own state.
        match unsafe { Library::new(name) } {
            Ok(library) => {
                let functions = resolve(&library).map_err(|e| format!("{name}: {e}"))?;
                return Ok(Tesseract {
                    _library: library,
                    functions,
                });
            }
            Err(error) => last_error = error.to_string(),
        }
    }
    Err(format!(
        "Tesseract is not installed ({last_error}); {INSTALL_HINT}"
    ))
}

/// Sets `OMP_THREAD_LIMIT=1` unless the user set it: libgomp reads it once,
/// when libtesseract loads it.
fn limit_openmp_threads() {
    if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
        // SAFETY: called once, under the LazyLock that loads the library,
        // before any code that reads this variable is loaded; plangloss's
        // other threads never read the environment while documents are
        // processed.
        unsafe { std::env::set_var("OMP_THREAD_LIMIT", "1") };
    }
}

fn resolve(library: &Library) -> Result<Functions, libloading::Error> {
    // SAFETY: each symbol is declared with its signature in tesseract/capi.h
    // (Tesseract 4 and 5); a missing symbol is an error, never a call.
    unsafe {
        Ok(Functions {
            create: *library.get(b"TessBaseAPICreate\0")?,
            delete: *library.get(b"TessBaseAPIDelete\0")?,
            init3: *library.get(b"TessBaseAPIInit3\0")?,
            set_variable: *library.get(b"TessBaseAPISetVariable\0")?,
            set_page_seg_mode: *library.get(b"TessBaseAPISetPageSegMode\0")?,
            set_image: *library.get(b"TessBaseAPISetImage\0")?,
            set_source_resolution: *library.get(b"TessBaseAPISetSourceResolution\0")?,
            recognize: *library.get(b"TessBaseAPIRecognize\0")?,
            get_tsv_text: *library.get(b"TessBaseAPIGetTsvText\0")?,
            detect_orientation_script: *library.get(b"TessBaseAPIDetectOrientationScript\0")?,
            clear: *library.get(b"TessBaseAPIClear\0")?,
            delete_text: *library.get(b"TessDeleteText\0")?,
            monitor_create: *library.get(b"TessMonitorCreate\0")?,
            monitor_delete: *library.get(b"TessMonitorDelete\0")?,
            monitor_set_deadline: *library.get(b"TessMonitorSetDeadlineMSecs\0")?,
            version: *library.get(b"TessVersion\0")?,
        })
    }
}

fn tesseract() -> Result<&'static Tesseract, OcrError> {
    TESSERACT
        .as_ref()
        .map_err(|why| OcrError::NotInstalled(why.clone()))
}

/// Tesseract's version, or why it cannot be used.
pub fn version() -> Result<String, OcrError> {
    let tesseract = tesseract()?;
    // SAFETY: TessVersion returns a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr((tesseract.functions.version)()) };
    Ok(version.to_string_lossy().into_owned())
}

/// The folders Tesseract's language data is looked for in, in order.
fn data_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::env::var_os("TESSDATA_PREFIX")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    folders.extend(
        [
            "/usr/share/tesseract-ocr/5/tessdata",
            "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata",
            "/usr/local/share/tessdata",
            "/opt/homebrew/share/tessdata",
        ]
        .map(PathBuf::from),
    );
    folders
}

/// Whether Tesseract has data for `language`.
pub fn has_language(language: Language) -> bool {
    data_folder(language.model()).is_ok()
}

/// The folder holding `MODEL.traineddata`, so that a missing language is
/// our clear error rather than Tesseract's message on stderr.
fn data_folder(model: &str) -> Result<PathBuf, OcrError> {
    data_folders()
        .into_iter()
        .find(|folder| folder.join(format!("{model}.traineddata")).is_file())
        .ok_or_else(|| OcrError::MissingLanguage(model.to_string()))
}

/// One Tesseract instance with a language loaded, owned by one thread.
struct Engine {
    api: Api,
    model: &'static str,
}

impl Drop for Engine {
    fn drop(&mut self) {
        if let Ok(tesseract) = tesseract() {
            // SAFETY: `api` came from TessBaseAPICreate and is dropped once.
            unsafe { (tesseract.functions.delete)(self.api) };
        }
    }
}

thread_local! {
    /// The engines of this thread, one per model, made on first use: a
    /// Tesseract instance is not shareable between threads.
    static ENGINES: RefCell<Vec<Engine>> = const { RefCell::new(Vec::new()) };
}

/// Nanoseconds spent inside Tesseract (loading models, orientation
/// detection, recognition) by every thread since the process started.
static ENGINE_NANOS: AtomicU64 = AtomicU64::new(0);

/// The time spent inside Tesseract by every thread so far: beside the
/// wall-clock time of a run, what OCR costs against the rest of the work
/// (`benches/ocr_pages.rs`).
pub fn engine_time() -> Duration {
    Duration::from_nanos(ENGINE_NANOS.load(Ordering::Relaxed))
}

/// Runs `work` with this thread's engine for `model`, made if needed.
fn with_engine<T>(
    model: &'static str,
    work: impl FnOnce(&Functions, Api) -> Result<T, OcrError>,
) -> Result<T, OcrError> {
    let tesseract = tesseract()?;
    let functions = &tesseract.functions;
    let _counted = CountTime(Instant::now());
    ENGINES.with(|engines| {
        let mut engines = engines.borrow_mut();
        let index = match engines.iter().position(|engine| engine.model == model) {
            Some(index) => index,
            None => {
                engines.push(new_engine(functions, model)?);
                engines.len() - 1
            }
        };
        work(functions, engines[index].api)
    })
}

/// Adds the time since it was made to [`ENGINE_NANOS`] when dropped.
struct CountTime(Instant);

impl Drop for CountTime {
    fn drop(&mut self) {
        let nanos = u64::try_from(self.0.elapsed().as_nanos()).unwrap_or(u64::MAX);
        ENGINE_NANOS.fetch_add(nanos, Ordering::Relaxed);
    }
}

fn new_engine(functions: &Functions, model: &'static str) -> Result<Engine, OcrError> {
    let folder = data_folder(model)?;
    let folder = CString::new(folder.to_string_lossy().as_bytes())
        .map_err(|_| OcrError::MissingLanguage(model.to_string()))?;
    let language = CString::new(model).expect("model names have no NUL");
    // SAFETY: plain C calls on an instance this thread owns; the strings
    // outlive the calls.
    unsafe {
        let api = (functions.create)();
        let engine = Engine { api, model };
        if (functions.init3)(api, folder.as_ptr(), language.as_ptr()) != 0 {
            return Err(OcrError::MissingLanguage(model.to_string()));
        }
        // Tesseract's own notes ("Estimating resolution…") are not ours to print.
        (functions.set_variable)(api, c"debug_file".as_ptr(), c"/dev/null".as_ptr());
        Ok(engine)
    }
}

/// How Tesseract is to find the text in an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A page: fully automatic segmentation, without orientation
    /// detection (done before, on the whole page).
    Page,
    /// One block of text, its lines one under another.
    Block,
    /// One line of text.
    Line,
    /// One character.
    Char,
}

impl Layout {
    fn page_seg_mode(self) -> c_int {
        match self {
            Layout::Page => 3,
            Layout::Block => 6,
            Layout::Line => 7,
            Layout::Char => 10,
        }
    }
}

/// Recognizes `image` in `language` laid out as `layout`, stopping after
/// `time_limit`; the words as Tesseract's TSV gives them.
pub fn recognize(
    image: &PageImage,
    language: Language,
    layout: Layout,
    time_limit: Duration,
) -> Result<String, OcrError> {
    let width = c_int::try_from(image.width).map_err(|_| OcrError::TooLarge)?;
    let height = c_int::try_from(image.height).map_err(|_| OcrError::TooLarge)?;
    let deadline_ms = c_int::try_from(time_limit.as_millis()).unwrap_or(c_int::MAX);
    with_engine(language.model(), |functions, api| {
        let started = Instant::now();
        // SAFETY: the image buffer holds width × height gray bytes and
        // outlives Recognize; the monitor and text are freed here.
        unsafe {
            (functions.set_page_seg_mode)(api, layout.page_seg_mode());
            (functions.set_image)(api, image.pixels.as_ptr(), width, height, 1, width);
            (functions.set_source_resolution)(api, image.dpi as c_int);
            let monitor = (functions.monitor_create)();
            (functions.monitor_set_deadline)(monitor, deadline_ms);
            let status = (functions.recognize)(api, monitor);
            (functions.monitor_delete)(monitor);
            let result = if status != 0 {
                Err(match started.elapsed() >= time_limit {
                    true => OcrError::TimedOut(time_limit),
                    false => OcrError::Failed("Tesseract could not read the page".into()),
                })
            } else {
                let tsv = (functions.get_tsv_text)(api, 0);
                let text =
                    (!tsv.is_null()).then(|| CStr::from_ptr(tsv).to_string_lossy().into_owned());
                if !tsv.is_null() {
                    (functions.delete_text)(tsv);
                }
                Ok(text.unwrap_or_default())
            };
            (functions.clear)(api);
            result
        }
    })
}

/// Tesseract's orientation and script detection (the `osd` model): the
/// clockwise rotation in degrees (0, 90, 180, 270) that turns the page
/// upright, its confidence, and the script name; `None` when it cannot
/// tell (too little text) or the `osd` data is not installed.
pub fn orientation(image: &PageImage) -> Option<(u32, f32, String)> {
    let width = c_int::try_from(image.width).ok()?;
    let height = c_int::try_from(image.height).ok()?;
    with_engine("osd", |functions, api| {
        let mut degrees: c_int = 0;
        let mut confidence: c_float = 0.0;
        let mut script: *const c_char = std::ptr::null();
        let mut script_confidence: c_float = 0.0;
        // SAFETY: as in `recognize`. The script name points into the
        // model's own table (Tesseract 4 and 5): it is copied, never freed,
        // whatever capi.h's older comment says.
        unsafe {
            (functions.set_image)(api, image.pixels.as_ptr(), width, height, 1, width);
            (functions.set_source_resolution)(api, image.dpi as c_int);
            let found = (functions.detect_orientation_script)(
                api,
                &mut degrees,
                &mut confidence,
                &mut script,
                &mut script_confidence,
            );
            let name =
                (!script.is_null()).then(|| CStr::from_ptr(script).to_string_lossy().into_owned());
            (functions.clear)(api);
            Ok((found != 0).then(|| (degrees as u32 % 360, confidence, name.unwrap_or_default())))
        }
    })
    .ok()
    .flatten()
}
