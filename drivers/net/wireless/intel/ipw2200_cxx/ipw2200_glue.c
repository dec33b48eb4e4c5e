// SPDX-License-Identifier: GPL-2.0
/*
 * ipw2200_cxx: the C the kernel needs -- module entry points and
 * parameters, the PCI ID table and driver, the PM callbacks.  Every
 * callback goes straight to the C++ driver (ipw2200.cpp).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/pm.h>

#include "ipw2200.h"

static int mode;
module_param(mode, int, 0444);
MODULE_PARM_DESC(mode, "network mode (0 = BSS, 1 = IBSS, 2 = monitor): selects the firmware");

static int disable;
module_param(disable, int, 0444);
MODULE_PARM_DESC(disable, "1 = start with the radio off");

static int antenna;
module_param(antenna, int, 0444);
MODULE_PARM_DESC(antenna, "antenna (0 = diversity, 1 = main, 2 = slow diversity, 3 = aux)");

static unsigned int cmd_timeout_ms = 1000;
module_param(cmd_timeout_ms, uint, 0444);
MODULE_PARM_DESC(cmd_timeout_ms, "how long the firmware may take to accept a command (100..10000 ms)");

static int hwcrypto;
module_param(hwcrypto, int, 0444);
MODULE_PARM_DESC(hwcrypto, "1 = the firmware does WEP and CCMP (hardware crypto), 0 = the host does (default)");
static int led = 1;
module_param(led, int, 0444);
MODULE_PARM_DESC(led, "1 = drive the activity and association LEDs, 0 = leave them off");

static struct ipw2200_cxx_params params;

/* clang-format off */
/* The 22 IDs of the 2200BG and 2915ABG (hardware reference 2.1). */
#define IPW_SUB(sub) { PCI_DEVICE_SUB(PCI_VENDOR_ID_INTEL, 0x1043, PCI_VENDOR_ID_INTEL, sub) }
static const struct pci_device_id ipw2200_cxx_ids[] = {
	IPW_SUB(0x2701), IPW_SUB(0x2702), IPW_SUB(0x2711), IPW_SUB(0x2712),
	IPW_SUB(0x2721), IPW_SUB(0x2722), IPW_SUB(0x2731), IPW_SUB(0x2732),
	IPW_SUB(0x2741),
	{ PCI_DEVICE_SUB(PCI_VENDOR_ID_INTEL, 0x1043, 0x103c, 0x2741) },
	IPW_SUB(0x2742), IPW_SUB(0x2751), IPW_SUB(0x2752), IPW_SUB(0x2753),
	IPW_SUB(0x2754), IPW_SUB(0x2761), IPW_SUB(0x2762),
	{ PCI_DEVICE_CLASS(PCI_CLASS_NETWORK_OTHER << 8, 0xffff00), .vendor = PCI_VENDOR_ID_INTEL,
	  .device = 0x104f },
	{ PCI_VDEVICE(INTEL, 0x4220) },
	{ PCI_VDEVICE(INTEL, 0x4221) },
	{ PCI_VDEVICE(INTEL, 0x4223) },
	{ PCI_VDEVICE(INTEL, 0x4224) },
	{ }
};
/* clang-format on */
MODULE_DEVICE_TABLE(pci, ipw2200_cxx_ids);

static int ipw2200_cxx_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return ipw2200_cxx_probe(pdev, &params);
}

static void ipw2200_cxx_pci_remove(struct pci_dev *pdev)
{
	ipw2200_cxx_remove(pdev);
}

static int ipw2200_cxx_pm_suspend(struct device *dev)
{
	return ipw2200_cxx_suspend(to_pci_dev(dev));
}

static int ipw2200_cxx_pm_resume(struct device *dev)
{
	return ipw2200_cxx_resume(to_pci_dev(dev));
}

static DEFINE_SIMPLE_DEV_PM_OPS(ipw2200_cxx_pm, ipw2200_cxx_pm_suspend, ipw2200_cxx_pm_resume);

static struct pci_driver ipw2200_cxx_driver = {
	.name = "ipw2200_cxx",
	.id_table = ipw2200_cxx_ids,
	.probe = ipw2200_cxx_pci_probe,
	.remove = ipw2200_cxx_pci_remove,
	.driver.pm = pm_sleep_ptr(&ipw2200_cxx_pm),
};

static int __init ipw2200_cxx_init(void)
{
	int ret;

	if (mode < 0 || mode > 2) {
		pr_err("ipw2200_cxx: mode=%d: must be 0 (BSS), 1 (IBSS) or 2 (monitor)\n", mode);
		return -EINVAL;
	}
	if (disable < 0 || disable > 1) {
		pr_err("ipw2200_cxx: disable=%d: must be 0 or 1\n", disable);
		return -EINVAL;
	}
	if (antenna < 0 || antenna > 3) {
		pr_err("ipw2200_cxx: antenna=%d: must be 0..3\n", antenna);
		return -EINVAL;
	}
	if (cmd_timeout_ms < 100 || cmd_timeout_ms > 10000) {
		pr_err("ipw2200_cxx: cmd_timeout_ms=%u: must be 100..10000\n", cmd_timeout_ms);
		return -EINVAL;
	}
	if (led < 0 || led > 1) {
		pr_err("ipw2200_cxx: led=%d: must be 0 or 1\n", led);
		return -EINVAL;
	}
	params.mode = mode;
	params.disable = disable;
	params.antenna = antenna;
	if (hwcrypto < 0 || hwcrypto > 1) {
		pr_err("ipw2200_cxx: hwcrypto=%d: must be 0 or 1\n", hwcrypto);
		return -EINVAL;
	}
	params.cmd_timeout_ms = cmd_timeout_ms;
	params.hwcrypto = hwcrypto;
	params.led = led;
	ret = ipw2200_cxx_module_init();
	if (ret)
		return ret;
	ret = pci_register_driver(&ipw2200_cxx_driver);
	if (ret)
		ipw2200_cxx_module_exit();
	return ret;
}

static void __exit ipw2200_cxx_exit(void)
{
	pci_unregister_driver(&ipw2200_cxx_driver);
	ipw2200_cxx_module_exit();
}

module_init(ipw2200_cxx_init);
module_exit(ipw2200_cxx_exit);

MODULE_DESCRIPTION("Intel PRO/Wireless 2200BG/2915ABG driver (kernel C++ subset)");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE("ipw2200-bss.fw");
MODULE_FIRMWARE("ipw2200-ibss.fw");
MODULE_FIRMWARE("ipw2200-sniffer.fw");
