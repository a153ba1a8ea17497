package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;

/**
 * A linear memory that remembers when the module asked to grow past its cap ({@code memory.grow}
 * returned -1 because of the limit), so that a module that then fails is reported as stopped by the
 * memory limit. Every other method delegates unchanged.
 *
 * <p>Chicory's memories are final classes, so this is a delegate; the JIT inlines the extra hop.
 * The delegating methods were generated from {@link Memory}'s methods in Chicory 1.7.5.
 */
final class CapWatchingMemory implements Memory {

  private final Memory delegate;
  private volatile boolean growthRefused;
  private boolean allZeros;

  /**
   * @param allZeros whether {@code delegate} is a memory just made, never written (a new Java array
   *     is all zeros)
   */
  CapWatchingMemory(Memory delegate, boolean allZeros) {
    this.delegate = delegate;
    this.allZeros = allZeros;
  }

  /** Whether the module asked for more pages than the cap allows at least once. */
  boolean growthRefused() {
    return growthRefused;
  }

  @Override
  public int grow(int pages) {
    int before = delegate.grow(pages);
    if (before < 0 && pages > 0 && (long) delegate.pages() + pages > delegate.maximumPages()) {
      growthRefused = true;
    }
    return before;
  }

  @Override
  public int pages() {
    return delegate.pages();
  }

  @Override
  public int initialPages() {
    return delegate.initialPages();
  }

  @Override
  public int maximumPages() {
    return delegate.maximumPages();
  }

  @Override
  public boolean shared() {
    return delegate.shared();
  }

  @Override
  public Object lock(int a0) {
    return delegate.lock(a0);
  }

  @Override
  public int waitOn(int a0, int a1, long a2) {
    return delegate.waitOn(a0, a1, a2);
  }

  @Override
  public int waitOn(int a0, long a1, long a2) {
    return delegate.waitOn(a0, a1, a2);
  }

  @Override
  public int notify(int a0, int a1) {
    return delegate.notify(a0, a1);
  }

  @Override
  public void atomicFence() {
    delegate.atomicFence();
  }

  @Override
  public int atomicWait(int a0, int a1, long a2) {
    return delegate.atomicWait(a0, a1, a2);
  }

  @Override
  public int atomicWait(int a0, long a1, long a2) {
    return delegate.atomicWait(a0, a1, a2);
  }

  @Override
  public int atomicNotify(int a0, int a1) {
    return delegate.atomicNotify(a0, a1);
  }

  @Override
  public int atomicReadInt(int a0) {
    return delegate.atomicReadInt(a0);
  }

  @Override
  public long atomicReadLong(int a0) {
    return delegate.atomicReadLong(a0);
  }

  @Override
  public short atomicReadShort(int a0) {
    return delegate.atomicReadShort(a0);
  }

  @Override
  public byte atomicReadByte(int a0) {
    return delegate.atomicReadByte(a0);
  }

  @Override
  public void atomicWriteInt(int a0, int a1) {
    delegate.atomicWriteInt(a0, a1);
  }

  @Override
  public void atomicWriteLong(int a0, long a1) {
    delegate.atomicWriteLong(a0, a1);
  }

  @Override
  public void atomicWriteShort(int a0, short a1) {
    delegate.atomicWriteShort(a0, a1);
  }

  @Override
  public void atomicWriteByte(int a0, byte a1) {
    delegate.atomicWriteByte(a0, a1);
  }

  @Override
  public int atomicAddInt(int a0, int a1) {
    return delegate.atomicAddInt(a0, a1);
  }

  @Override
  public int atomicAndInt(int a0, int a1) {
    return delegate.atomicAndInt(a0, a1);
  }

  @Override
  public int atomicOrInt(int a0, int a1) {
    return delegate.atomicOrInt(a0, a1);
  }

  @Override
  public int atomicXorInt(int a0, int a1) {
    return delegate.atomicXorInt(a0, a1);
  }

  @Override
  public int atomicXchgInt(int a0, int a1) {
    return delegate.atomicXchgInt(a0, a1);
  }

  @Override
  public int atomicCmpxchgInt(int a0, int a1, int a2) {
    return delegate.atomicCmpxchgInt(a0, a1, a2);
  }

  @Override
  public long atomicAddLong(int a0, long a1) {
    return delegate.atomicAddLong(a0, a1);
  }

  @Override
  public long atomicAndLong(int a0, long a1) {
    return delegate.atomicAndLong(a0, a1);
  }

  @Override
  public long atomicOrLong(int a0, long a1) {
    return delegate.atomicOrLong(a0, a1);
  }

  @Override
  public long atomicXorLong(int a0, long a1) {
    return delegate.atomicXorLong(a0, a1);
  }

  @Override
  public long atomicXchgLong(int a0, long a1) {
    return delegate.atomicXchgLong(a0, a1);
  }

  @Override
  public long atomicCmpxchgLong(int a0, long a1, long a2) {
    return delegate.atomicCmpxchgLong(a0, a1, a2);
  }

  @Override
  public short atomicAddShort(int a0, short a1) {
    return delegate.atomicAddShort(a0, a1);
  }

  @Override
  public short atomicAndShort(int a0, short a1) {
    return delegate.atomicAndShort(a0, a1);
  }

  @Override
  public short atomicOrShort(int a0, short a1) {
    return delegate.atomicOrShort(a0, a1);
  }

  @Override
  public short atomicXorShort(int a0, short a1) {
    return delegate.atomicXorShort(a0, a1);
  }

  @Override
  public short atomicXchgShort(int a0, short a1) {
    return delegate.atomicXchgShort(a0, a1);
  }

  @Override
  public short atomicCmpxchgShort(int a0, short a1, short a2) {
    return delegate.atomicCmpxchgShort(a0, a1, a2);
  }

  @Override
  public byte atomicAddByte(int a0, byte a1) {
    return delegate.atomicAddByte(a0, a1);
  }

  @Override
  public byte atomicAndByte(int a0, byte a1) {
    return delegate.atomicAndByte(a0, a1);
  }

  @Override
  public byte atomicOrByte(int a0, byte a1) {
    return delegate.atomicOrByte(a0, a1);
  }

  @Override
  public byte atomicXorByte(int a0, byte a1) {
    return delegate.atomicXorByte(a0, a1);
  }

  @Override
  public byte atomicXchgByte(int a0, byte a1) {
    return delegate.atomicXchgByte(a0, a1);
  }

  @Override
  public byte atomicCmpxchgByte(int a0, byte a1, byte a2) {
    return delegate.atomicCmpxchgByte(a0, a1, a2);
  }

  @Override
  public void initialize(Instance a0, DataSegment[] a1) {
    delegate.initialize(a0, a1);
  }

  @Override
  public void initialize(Instance a0, DataSegment[] a1, int a2) {
    delegate.initialize(a0, a1, a2);
  }

  @Override
  public void initPassiveSegment(int a0, int a1, int a2, int a3) {
    delegate.initPassiveSegment(a0, a1, a2, a3);
  }

  @Override
  public void writeString(int a0, String a1, java.nio.charset.Charset a2) {
    delegate.writeString(a0, a1, a2);
  }

  @Override
  public void writeString(int a0, String a1) {
    delegate.writeString(a0, a1);
  }

  @Override
  public String readString(int a0, int a1) {
    return delegate.readString(a0, a1);
  }

  @Override
  public String readString(int a0, int a1, java.nio.charset.Charset a2) {
    return delegate.readString(a0, a1, a2);
  }

  @Override
  public void writeCString(int a0, String a1) {
    delegate.writeCString(a0, a1);
  }

  @Override
  public void writeCString(int a0, String a1, java.nio.charset.Charset a2) {
    delegate.writeCString(a0, a1, a2);
  }

  @Override
  public String readCString(int a0, java.nio.charset.Charset a1) {
    return delegate.readCString(a0, a1);
  }

  @Override
  public String readCString(int a0) {
    return delegate.readCString(a0);
  }

  @Override
  public void write(int a0, byte[] a1) {
    delegate.write(a0, a1);
  }

  @Override
  public void write(int a0, byte[] a1, int a2, int a3) {
    delegate.write(a0, a1, a2, a3);
  }

  @Override
  public byte read(int a0) {
    return delegate.read(a0);
  }

  @Override
  public byte[] readBytes(int a0, int a1) {
    return delegate.readBytes(a0, a1);
  }

  @Override
  public void writeI32(int a0, int a1) {
    delegate.writeI32(a0, a1);
  }

  @Override
  public int readInt(int a0) {
    return delegate.readInt(a0);
  }

  @Override
  public long readI32(int a0) {
    return delegate.readI32(a0);
  }

  @Override
  public long readU32(int a0) {
    return delegate.readU32(a0);
  }

  @Override
  public void writeLong(int a0, long a1) {
    delegate.writeLong(a0, a1);
  }

  @Override
  public long readLong(int a0) {
    return delegate.readLong(a0);
  }

  @Override
  public long readI64(int a0) {
    return delegate.readI64(a0);
  }

  @Override
  public void writeShort(int a0, short a1) {
    delegate.writeShort(a0, a1);
  }

  @Override
  public short readShort(int a0) {
    return delegate.readShort(a0);
  }

  @Override
  public long readI16(int a0) {
    return delegate.readI16(a0);
  }

  @Override
  public long readU16(int a0) {
    return delegate.readU16(a0);
  }

  @Override
  public void writeByte(int a0, byte a1) {
    delegate.writeByte(a0, a1);
  }

  @Override
  public long readU8(int a0) {
    return delegate.readU8(a0);
  }

  @Override
  public long readI8(int a0) {
    return delegate.readI8(a0);
  }

  @Override
  public void writeF32(int a0, float a1) {
    delegate.writeF32(a0, a1);
  }

  @Override
  public long readF32(int a0) {
    return delegate.readF32(a0);
  }

  @Override
  public float readFloat(int a0) {
    return delegate.readFloat(a0);
  }

  @Override
  public void writeF64(int a0, double a1) {
    delegate.writeF64(a0, a1);
  }

  @Override
  public double readDouble(int a0) {
    return delegate.readDouble(a0);
  }

  @Override
  public long readF64(int a0) {
    return delegate.readF64(a0);
  }

  @Override
  public void zero() {
    // Chicory 1.7.5 zeroes each memory once, in Instance.initialize, right after its factory made
    // it and before anything can write to it: for a memory just made, that would fill its initial
    // pages a second time
    if (allZeros) {
      allZeros = false;
      return;
    }
    delegate.zero();
  }

  @Override
  public void fill(byte a0, int a1, int a2) {
    delegate.fill(a0, a1, a2);
  }

  @Override
  public void copy(int a0, int a1, int a2) {
    delegate.copy(a0, a1, a2);
  }

  @Override
  public void drop(int a0) {
    delegate.drop(a0);
  }
}
