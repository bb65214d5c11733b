import { unzipSync } from 'fflate';

/** ELF e_machine of a shared object (183: AArch64, 62: x86-64). */
export const elfMachine = (data: Uint8Array) => Buffer.from(data).readUInt16LE(18);

/** Whether a wheel tag (`py-abi-platform`) installs on CPython 3.12, Linux ARM64. */
export function runsOnArm64Python312(tag: string): boolean {
  const [py, abi, platform] = tag.split('-') as [string, string, string];
  const platformOk = platform === 'any' || /^manylinux(2014|_2_\d+)_aarch64$/.test(platform);
  const pythonOk = /^py3\d*$/.test(py) || py === 'cp312' || (abi === 'abi3' && /^cp3\d+$/.test(py) && Number(py.slice(3)) <= 12);
  const abiOk = abi === 'none' || abi === 'abi3' || abi === 'cp312';
  return platformOk && pythonOk && abiOk;
}

/**
 * What in an unzipped package would not run on CPython 3.12, Linux ARM64: wheels none of whose tags
 * fit, and native libraries for another machine. Also lists the wheels and native files seen, so a
 * test can show the check was not vacuous.
 */
export function arm64Misfits(files: ReturnType<typeof unzipSync>) {
  const names = Object.keys(files);
  const wheels = names.filter((n) => /^[^/]+\.dist-info\/WHEEL$/.test(n));
  // A wheel installs when one of its tags matches (a py2.py3 wheel carries both py2 and py3 tags).
  const tagsOf = (n: string) => [...new TextDecoder().decode(files[n]).matchAll(/^Tag: (\S+)$/gm)].map((m) => m[1]!);
  const native = names.filter((n) => /\.so(\.\d+)*$/.test(n));
  return {
    wheels,
    native,
    unusableWheels: wheels.filter((n) => !tagsOf(n).some(runsOnArm64Python312)).map((n) => `${n}: ${tagsOf(n).join(' ')}`),
    foreignNative: [
      ...native.filter((n) => elfMachine(files[n]!) !== 183),
      ...native.filter((n) => /\.cpython-\d+/.test(n) && !n.includes('.cpython-312-aarch64-linux-gnu.')),
    ],
  };
}
