// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: debugfs directories and text files for include/kcxx/debugfs.h.
 *
 * A directory is a struct kcxx_debugfs_dir (allocated here; C++ keeps an
 * opaque pointer) holding its dentry and the files made in it.  A file's
 * inode carries a struct kcxx_debugfs_file: the C++ owner and its show and
 * store trampolines.  Files are created with debugfs_create_file(), so
 * debugfs wraps our file_operations in its full proxy
 * (fs/debugfs/file.c): open, read and write run between
 * debugfs_file_get() and debugfs_file_put(), and debugfs_remove() waits
 * in __debugfs_file_removed() until every caller inside them has left;
 * afterwards they fail with -EIO without calling us.  That is what lets
 * kcxx_shim_debugfs_remove() free the files and the owner go away as soon
 * as debugfs_remove() returns.  release is not proxied (it must run to
 * free per-open state), so it touches nothing but that state.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

struct kcxx_debugfs_dir {
	struct dentry *dentry; /* NULL once removed, by us or a parent */
	struct kcxx_debugfs_dir *parent;
	struct list_head children; /* kcxx_debugfs_dir.sibling */
	struct list_head sibling;
	struct list_head files; /* kcxx_debugfs_file.node */
};

struct kcxx_debugfs_file {
	struct list_head node;
	void *owner;
	const struct kcxx_debugfs_ops *ops;
};

/* Per open file: the text Show produced, read in pieces. */
struct kcxx_debugfs_reader {
	struct mutex lock; /* concurrent reads of one open file */
	char *buf;	   /* PAGE_SIZE, on the first read */
	size_t len;
	bool filled;
};

/* The links between directories (not held across debugfs_remove()). */
static DEFINE_MUTEX(kcxx_debugfs_lock);

static int kcxx_debugfs_open(struct inode *inode, struct file *file)
{
	struct kcxx_debugfs_file *f = inode->i_private;
	struct kcxx_debugfs_reader *r;

	if ((file->f_mode & FMODE_READ) && !f->ops->show)
		return -EACCES;
	if ((file->f_mode & FMODE_WRITE) && !f->ops->store)
		return -EACCES;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	file->private_data = r;
	return 0;
}

/* Show fills the buffer on the first read and on every read at offset 0. */
static ssize_t kcxx_debugfs_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	struct kcxx_debugfs_file *f = file_inode(file)->i_private;
	struct kcxx_debugfs_reader *r = file->private_data;
	ssize_t ret;

	if (mutex_lock_killable(&r->lock))
		return -EINTR;
	if (!r->buf) {
		r->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!r->buf) {
			ret = -ENOMEM;
			goto out;
		}
	}
	if (*ppos == 0 || !r->filled) {
		long n = f->ops->show(f->owner, r->buf, PAGE_SIZE);

		if (n < 0) {
			r->filled = false;
			ret = n;
			goto out;
		}
		r->len = min_t(size_t, n, PAGE_SIZE - 1);
		r->filled = true;
	}
	ret = simple_read_from_buffer(ubuf, count, ppos, r->buf, r->len);
out:
	mutex_unlock(&r->lock);
	return ret;
}

/*
 * Each write is one command for Store, NUL-terminated.  Commands longer
 * than PAGE_SIZE - 1 bytes are refused whole rather than cut.
 */
static ssize_t kcxx_debugfs_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	struct kcxx_debugfs_file *f = file_inode(file)->i_private;
	char *kbuf;
	int ret;

	if (!count)
		return 0;
	if (count > PAGE_SIZE - 1)
		return -EINVAL;
	kbuf = memdup_user_nul(ubuf, count);
	if (IS_ERR(kbuf))
		return PTR_ERR(kbuf);
	ret = f->ops->store(f->owner, kbuf, count);
	kfree(kbuf);
	if (ret < 0)
		return ret;
	*ppos += count;
	return count;
}

/* Not proxied: may run after the file was removed and its owner is gone. */
static int kcxx_debugfs_release(struct inode *inode, struct file *file)
{
	struct kcxx_debugfs_reader *r = file->private_data;

	kfree(r->buf);
	mutex_destroy(&r->lock);
	kfree(r);
	return 0;
}

static const struct file_operations kcxx_debugfs_fops = {
	.owner = THIS_MODULE,
	.open = kcxx_debugfs_open,
	.read = kcxx_debugfs_read,
	.write = kcxx_debugfs_write,
	.release = kcxx_debugfs_release,
	.llseek = default_llseek,
};

void *kcxx_shim_debugfs_create_dir(const char *name, void *parent)
{
	struct kcxx_debugfs_dir *p = parent;
	struct kcxx_debugfs_dir *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct dentry *dentry;

	if (!d)
		return NULL;
	INIT_LIST_HEAD(&d->children);
	INIT_LIST_HEAD(&d->sibling);
	INIT_LIST_HEAD(&d->files);
	mutex_lock(&kcxx_debugfs_lock);
	if (p && !p->dentry) { /* the parent is gone already */
		mutex_unlock(&kcxx_debugfs_lock);
		kfree(d);
		return NULL;
	}
	dentry = debugfs_create_dir(name, p ? p->dentry : NULL);
	if (IS_ERR_OR_NULL(dentry)) {
		mutex_unlock(&kcxx_debugfs_lock);
		kfree(d);
		return NULL;
	}
	d->dentry = dentry;
	if (p) {
		d->parent = p;
		list_add_tail(&d->sibling, &p->children);
	}
	mutex_unlock(&kcxx_debugfs_lock);
	return d;
}
EXPORT_SYMBOL_GPL(kcxx_shim_debugfs_create_dir);

void kcxx_shim_debugfs_create_file(void *dir, const char *name, unsigned int mode, void *owner,
				   const struct kcxx_debugfs_ops *ops)
{
	struct kcxx_debugfs_dir *d = dir;
	struct kcxx_debugfs_file *f;
	struct dentry *dentry;

	if (!d || (!ops->show && !ops->store))
		return;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return;
	f->owner = owner;
	f->ops = ops;
	mutex_lock(&kcxx_debugfs_lock);
	dentry = d->dentry ? debugfs_create_file(name, mode & 0777, d->dentry, f, &kcxx_debugfs_fops) : NULL;
	if (IS_ERR_OR_NULL(dentry))
		kfree(f);
	else
		list_add_tail(&f->node, &d->files);
	mutex_unlock(&kcxx_debugfs_lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_debugfs_create_file);

/* Caller holds kcxx_debugfs_lock: @d's subtree goes with @d's dentry. */
static void kcxx_debugfs_orphan(struct kcxx_debugfs_dir *d)
{
	struct kcxx_debugfs_dir *c, *tmp;

	list_for_each_entry_safe(c, tmp, &d->children, sibling)
	{
		kcxx_debugfs_orphan(c);
		c->dentry = NULL;
		c->parent = NULL;
		list_del_init(&c->sibling);
	}
}

/*
 * Remove @dir and everything below it.  When debugfs_remove() returns,
 * no open, read or write of these files is running or will start (see
 * the top of this file), so the file records can go.  A subdirectory
 * still referenced from C++ keeps its record, marked removed, until its
 * own remove.
 */
void kcxx_shim_debugfs_remove(void *dir)
{
	struct kcxx_debugfs_dir *d = dir;
	struct kcxx_debugfs_file *f, *tmp;
	struct dentry *dentry;

	if (!d)
		return;
	might_sleep();
	mutex_lock(&kcxx_debugfs_lock);
	dentry = d->dentry;
	d->dentry = NULL;
	kcxx_debugfs_orphan(d);
	if (d->parent)
		list_del_init(&d->sibling);
	mutex_unlock(&kcxx_debugfs_lock);

	debugfs_remove(dentry);
	list_for_each_entry_safe(f, tmp, &d->files, node)
	{
		list_del(&f->node);
		kfree(f);
	}
	kfree(d);
}
EXPORT_SYMBOL_GPL(kcxx_shim_debugfs_remove);

int kcxx_shim_vsnprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, __builtin_va_list *ap)
{
	return vsnprintf(buf, size, fmt, *ap);
}
EXPORT_SYMBOL_GPL(kcxx_shim_vsnprintf);
