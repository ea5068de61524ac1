import { chromium, type Browser, type LaunchOptions } from 'playwright-core'
import {
  createReadStream,
  existsSync,
  readFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  createWriteStream
} from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress } from 'node:zlib'
import { extract } from 'tar-fs'

const ROOT = resolve(import.meta.dirname, '../..')
const CACHE = join(ROOT, 'node_modules/.cache/hookscope-chromium')

export interface FoundBrowser {
  executablePath: string
  /** Where it came from: CHROMIUM_PATH, an installed browser, or the npm-shipped Chromium. */
  source: 'env' | 'installed' | 'npm'
  env?: Record<string, string>
}

const INSTALLED_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']
const INSTALLED_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
]

function installedBrowser(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    for (const name of INSTALLED_NAMES) if (existsSync(join(dir, name))) return join(dir, name)
  }
  return INSTALLED_PATHS.find((p) => existsSync(p)) ?? null
}

async function inflate(src: string, dest: string, tar: boolean): Promise<void> {
  const body = createReadStream(src).pipe(createBrotliDecompress())
  await pipeline(body, tar ? extract(dest) : createWriteStream(dest, { mode: 0o755 }))
}

/**
 * The Chromium that @sparticuz/chromium ships inside its npm tarball (brotli-compressed binary,
 * its NSS libraries, SwiftShader and fonts), unpacked once into node_modules/.cache.
 */
async function npmChromium(): Promise<FoundBrowser | null> {
  // Its exports map hides package.json: find the folder from the main entry.
  let pkgDir: string
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'))
    while (!existsSync(join(pkgDir, 'bin', 'chromium.br'))) {
      if (dirname(pkgDir) === pkgDir) return null
      pkgDir = dirname(pkgDir)
    }
  } catch {
    return null
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') return null
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version
  const dir = join(CACHE, version)
  const bin = join(pkgDir, 'bin')
  if (!existsSync(join(dir, 'chromium'))) {
    mkdirSync(CACHE, { recursive: true })
    const tmp = `${dir}.${process.pid}.partial`
    rmSync(tmp, { recursive: true, force: true })
    mkdirSync(join(tmp, 'lib'), { recursive: true })
    await inflate(join(bin, 'chromium.br'), join(tmp, 'chromium'), false)
    await inflate(join(bin, 'swiftshader.tar.br'), tmp, true)
    await inflate(join(bin, 'fonts.tar.br'), tmp, true)
    await inflate(join(bin, 'al2023.tar.br'), join(tmp, 'lib'), true)
    // The package's fonts.conf points at Lambda folders: keep the system's fonts and add the shipped ones.
    writeFileSync(
      join(tmp, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${dir}/fonts</dir>\n  <cachedir>${dir}/fonts-cache</cachedir>\n</fontconfig>\n`
    )
    try {
      renameSync(tmp, dir)
    } catch {
      rmSync(tmp, { recursive: true, force: true }) // another process unpacked it first
    }
  }
  const libs = [join(dir, 'lib', 'lib'), dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  return {
    executablePath: join(dir, 'chromium'),
    source: 'npm',
    env: { LD_LIBRARY_PATH: libs, FONTCONFIG_FILE: join(dir, 'fonts.conf') }
  }
}

let found: Promise<FoundBrowser> | undefined

/** CHROMIUM_PATH, else an installed Chrome/Chromium, else the Chromium shipped in an npm package. */
export function findBrowser(): Promise<FoundBrowser> {
  found ??= (async () => {
    if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, source: 'env' as const }
    const installed = installedBrowser()
    if (installed) return { executablePath: installed, source: 'installed' as const }
    const shipped = await npmChromium()
    if (shipped) return shipped
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH, install Chrome/Chromium, or run `npm install` (it ships @sparticuz/chromium on Linux x64)'
    )
  })()
  return found
}

/** Launch options for the found browser, as CI can run it: no sandbox (root), no GPU, no background network. */
export async function chromiumLaunchOptions(): Promise<LaunchOptions> {
  const b = await findBrowser()
  return {
    executablePath: b.executablePath,
    ...(b.env ? { env: { ...process.env, ...b.env } as Record<string, string> } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic'
    ]
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(await chromiumLaunchOptions())
}
