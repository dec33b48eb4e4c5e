// SPDX-License-Identifier: GPL-2.0
/*
 * virtpci_storm: regression test for the command path of UML's PCI over
 * virtio (scripts/kernel/patches/0006-um-virtio_pcidev-serialise-the-
 * command-queue.patch), run on the ipw2200 device model.
 *
 * One reader thread per online CPU reads a BAR0 register holding a known
 * pattern, over and over, while the device keeps interrupting (the model's
 * "irq-storm on 0x20": it raises INTA bit 5 again as soon as it is
 * acknowledged, or PERIOD µs later with "irq-storm on 0x20 PERIOD") and the interrupt handler reads and acknowledges
 * INTA and reads two more known registers -- the way a real driver's hard-IRQ handler nests a register read into
 * whatever the interrupted CPU was reading.  Every read must return its register's value.
 *
 * This is test code for the test kernel, not driver code: it is C because
 * it exercises the kernel's own PCI emulation.  Module init runs the test
 * and fails (-EIO) if any read was wrong or the handler never ran, so
 * "insmod virtpci_storm.ko" succeeds exactly when the test passes.  The
 * counts are printed either way.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pci.h>

#define STORM_INTA 0x008
#define STORM_INTA_MASK 0x00c
#define STORM_BIT 0x00000020 /* an INTA bit the model may raise */
#define STORM_MAX_READERS 4

/*
 * BAR0 shared-memory words that hold what is written while no firmware
 * runs: one per reader, the last two for the interrupt handler.
 */
#define STORM_REGS (STORM_MAX_READERS + 2)
static const u32 storm_reg[STORM_REGS] = {0x200, 0x208, 0x210, 0x218, 0x220, 0x228};

static unsigned int reads = 20000;
module_param(reads, uint, 0444);
MODULE_PARM_DESC(reads, "register reads per CPU (default 20000)");

static unsigned int min_irqs = 100;
module_param(min_irqs, uint, 0444);
MODULE_PARM_DESC(min_irqs, "interrupts that must overlap the reads (default 100)");

struct storm_reader {
	struct storm *storm;
	unsigned int index;
	unsigned int done_reads;
	unsigned int wrong;
	u32 last_bad;
	struct completion done;
};

struct storm {
	void __iomem *bar;
	atomic_t irqs;
	atomic_t irq_wrong;
	atomic_t running;
	struct storm_reader reader[STORM_MAX_READERS];
	int result;
};

static struct storm *storm_found;

static u32 storm_pattern(unsigned int i)
{
	return 0x5a000000 | (i << 16) | (0xffff & ~i);
}

static irqreturn_t storm_isr(int irq, void *data)
{
	struct storm *s = data;
	u32 inta = ioread32(s->bar + STORM_INTA);

	if (inta == ~0u || !(inta & STORM_BIT))
		return IRQ_NONE;
	iowrite32(STORM_BIT, s->bar + STORM_INTA);
	atomic_inc(&s->irqs);
	if (ioread32(s->bar + storm_reg[STORM_REGS - 2]) != storm_pattern(STORM_REGS - 2))
		atomic_inc(&s->irq_wrong);
	if (ioread32(s->bar + storm_reg[STORM_REGS - 1]) != storm_pattern(STORM_REGS - 1))
		atomic_inc(&s->irq_wrong);
	return IRQ_HANDLED;
}

static int storm_read_loop(void *data)
{
	struct storm_reader *r = data;
	void __iomem *reg = r->storm->bar + storm_reg[r->index];
	u32 want = storm_pattern(r->index);
	unsigned int i;

	for (i = 0; i < reads; i++) {
		u32 v = ioread32(reg);

		r->done_reads++;
		if (v != want) {
			r->last_bad = v;
			/* Failed; on a broken kernel each bad read may cost a timeout. */
			if (++r->wrong == 10)
				break;
		}
		if (!(i % 64))
			cond_resched();
	}
	complete(&r->done);
	return 0;
}

static int storm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct storm *s;
	unsigned int i, n = 0, wrong = 0, total = 0, cpu;
	int err;

	s = devm_kzalloc(&pdev->dev, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	err = pcim_enable_device(pdev);
	if (err)
		return err;
	s->bar = pcim_iomap_region(pdev, 0, "virtpci_storm");
	if (IS_ERR(s->bar))
		return PTR_ERR(s->bar);

	iowrite32(0, s->bar + STORM_INTA_MASK);
	for (i = 0; i < STORM_REGS; i++)
		iowrite32(storm_pattern(i), s->bar + storm_reg[i]);
	for (i = 0; i < STORM_REGS; i++) {
		if (ioread32(s->bar + storm_reg[i]) != storm_pattern(i)) {
			dev_err(&pdev->dev, "register 0x%03x does not hold what was written\n", storm_reg[i]);
			return -ENODEV;
		}
	}

	err = request_irq(pdev->irq, storm_isr, IRQF_SHARED, "virtpci_storm", s);
	if (err) {
		dev_err(&pdev->dev, "request_irq(%d): %d\n", pdev->irq, err);
		return err;
	}
	iowrite32(STORM_BIT, s->bar + STORM_INTA_MASK);

	for_each_online_cpu(cpu)
	{
		struct storm_reader *r;
		struct task_struct *t;

		if (n == STORM_MAX_READERS)
			break;
		r = &s->reader[n];
		r->storm = s;
		r->index = n;
		init_completion(&r->done);
		t = kthread_run_on_cpu(storm_read_loop, r, cpu, "virtpci_storm/%u");
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		wait_for_completion(&s->reader[i].done);

	iowrite32(0, s->bar + STORM_INTA_MASK);
	free_irq(pdev->irq, s);

	for (i = 0; i < n; i++) {
		wrong += s->reader[i].wrong;
		total += s->reader[i].done_reads;
		if (s->reader[i].wrong)
			dev_err(&pdev->dev, "CPU reader %u: %u reads wrong (last 0x%08x, want 0x%08x), stopped\n", i,
				s->reader[i].wrong, s->reader[i].last_bad, storm_pattern(i));
	}
	dev_info(&pdev->dev, "%u reads on %u CPUs, %u wrong; %d interrupts, %d wrong reads in the handler\n", total, n,
		 wrong, atomic_read(&s->irqs), atomic_read(&s->irq_wrong));
	if (err)
		s->result = err;
	else if (wrong || atomic_read(&s->irq_wrong))
		s->result = -EIO;
	else if (atomic_read(&s->irqs) < min_irqs) {
		dev_err(&pdev->dev, "only %d interrupts overlapped the reads (want %u): no storm?\n",
			atomic_read(&s->irqs), min_irqs);
		s->result = -EAGAIN;
	}
	storm_found = s;
	return 0;
}

static const struct pci_device_id storm_ids[] = {{PCI_VDEVICE(INTEL, 0x4220)},
						 {PCI_VDEVICE(INTEL, 0x4221)},
						 {PCI_VDEVICE(INTEL, 0x4223)},
						 {PCI_VDEVICE(INTEL, 0x4224)},
						 {}};

static struct pci_driver storm_driver = {
	.name = "virtpci_storm",
	.id_table = storm_ids,
	.probe = storm_probe,
};

static int __init storm_init(void)
{
	int err = pci_register_driver(&storm_driver);

	if (err)
		return err;
	/* Probing is synchronous for devices already present. */
	err = storm_found ? storm_found->result : -ENODEV;
	if (err)
		pci_unregister_driver(&storm_driver);
	return err;
}
module_init(storm_init);

static void __exit storm_exit(void)
{
	pci_unregister_driver(&storm_driver);
}
module_exit(storm_exit);

MODULE_DESCRIPTION("Register reads racing interrupts on UML's PCI over virtio");
MODULE_LICENSE("GPL");
