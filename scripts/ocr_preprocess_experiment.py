"""Preprocessing experiments for OCR (issue 26): plain `tesseract` on the scan test set's
pages after a chosen preprocessing, to see what a step is worth before building it.

    target/ocr-venv/bin/pip install scipy
    target/ocr-venv/bin/python scripts/ocr_preprocess_experiment.py raw
    target/ocr-venv/bin/python scripts/ocr_preprocess_experiment.py deskew
    target/ocr-venv/bin/python scripts/ocr_preprocess_experiment.py bg-med-deskew
    target/ocr-venv/bin/python scripts/ocr_preprocess_experiment.py deskew thresholding_method=2
    python3 scripts/ocr_quality.py --pred target/ocr-experiments/pred-deskew --pages

VARIANT names the steps, in this order: `bg` (divide by the background: a grey closing of a
quarter-size image), `med` (3×3 median), `gauss` (σ 0.8), `deskew` (the angle of the
sharpest ink projection, ±6°), `up` (×4/3, to 400 dpi), `stretch` (contrast 1st–95th
percentile). Further arguments are Tesseract variables (`-c`). Pages are rendered once with
`pdftoppm -r 300 -gray` and turned upright from the manifest (orientation detection is not
what is measured); each variant's texts go to target/ocr-experiments/pred-VARIANT/.
"""
import json, os, subprocess, sys, glob
import numpy as np
from PIL import Image
from scipy import ndimage
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SET = os.path.join(ROOT, 'target/scan-testset')
OUT = os.path.join(ROOT, 'target/ocr-experiments')
man = json.load(open(f'{SET}/manifest.json'))
ORIENT = {'upright': 0, 'upside-down': 180, 'rot90': 270, 'rotate-dict-180': 0}

def pages():
    for d in man['documents']:
        lang = d['lang']
        pdf = f"{SET}/{lang}/{d['name']}.pdf"
        pdir = f'{OUT}/pages'; os.makedirs(pdir, exist_ok=True)
        if not glob.glob(f"{pdir}/{d['name']}-*.pgm"):
            subprocess.run(['pdftoppm', '-r', '300', '-gray', pdf, f"{pdir}/{d['name']}"], check=True)
        files = sorted(glob.glob(f"{pdir}/{d['name']}-*.pgm"), key=lambda f: int(f.rsplit('-',1)[1][:-4]))
        for p, f in zip(d['pages'], files):
            yield d, p, f

def skew_angle(g):
    small = g[::3, ::3].astype(np.float32)
    ink = small < min(160, small.mean() - 40)
    ys, xs = np.nonzero(ink)
    if len(ys) < 100: return 0.0
    def score(a):
        t = np.tan(np.radians(a))
        yy = (ys - xs * t).round().astype(np.int64)
        yy -= yy.min()
        h = np.bincount(yy).astype(np.float64)
        return ((h[1:] - h[:-1]) ** 2).sum()
    best = max(np.arange(-6, 6.01, 0.25), key=score)
    best = max(np.arange(best - 0.25, best + 0.26, 0.05), key=score)
    return float(best)

def prep(g, variant):
    g = g.astype(np.float32)
    if 'bg' in variant:
        bg = ndimage.grey_closing(ndimage.zoom(g, 0.25, order=1), size=(9, 9))
        bg = ndimage.zoom(bg, (g.shape[0]/bg.shape[0], g.shape[1]/bg.shape[1]), order=1)
        g = np.clip(g / np.maximum(bg, 1) * 255, 0, 255)
    if 'med' in variant:
        g = ndimage.median_filter(g, size=3)
    if 'gauss' in variant:
        g = ndimage.gaussian_filter(g, 0.8)
    if 'deskew' in variant:
        a = skew_angle(g)
        if abs(a) > 0.1:
            g = ndimage.rotate(g, a, reshape=False, order=1, cval=255)
    if 'up' in variant:
        g = ndimage.zoom(g, 4/3, order=1)
    if 'stretch' in variant:
        lo, hi = np.percentile(g, 1), np.percentile(g, 95)
        g = np.clip((g - lo) / max(hi - lo, 1) * 255, 0, 255)
    return g.astype(np.uint8)

def run(variant, extra=()):
    pred = f'{OUT}/pred-{variant}{"-"+"_".join(extra).replace("=","") if extra else ""}'
    os.makedirs(f'{pred}/pages', exist_ok=True)
    texts = {}
    for d, p, f in pages():
        g = np.array(Image.open(f))
        rot = ORIENT[p['orientation']]
        if rot: g = np.rot90(g, k=rot // 90)  # counter-clockwise; fixed below if wrong
        g = prep(g, variant)
        png = f'{OUT}/tmp.png'; Image.fromarray(g).save(png)
        lang = 'vie' if d['lang'] == 'vi' else 'chi_sim'
        cmd = ['tesseract', png, '-', '-l', lang, '--dpi', '400' if 'up' in variant else '300']
        for e in extra: cmd += ['-c', e]
        t = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT='1')).stdout
        open(f"{pred}/pages/{d['name']}.p{p['page']}.txt", 'w').write(t)
        texts.setdefault(d['name'], []).append(t)
    for n, ts in texts.items():
        open(f'{pred}/{n}.txt', 'w').write('\n'.join(ts))
    print(pred)

if __name__ == '__main__':
    v = sys.argv[1]
    run(v, sys.argv[2:])
